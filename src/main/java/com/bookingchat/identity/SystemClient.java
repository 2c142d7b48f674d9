package com.bookingchat.identity;

import java.util.Set;

/**
 * A system behind a request (the booking system, a support tool), calling with a client-credentials token:
 * a client id and the scopes granted to it, and no user type. One of the two caller kinds, the other being
 * an app user ({@link Caller}); system routes serve only this kind, and only with their scope.
 */
public record SystemClient(String clientId, Set<String> scopes) {

    public SystemClient {
        scopes = Set.copyOf(scopes);
    }
}
