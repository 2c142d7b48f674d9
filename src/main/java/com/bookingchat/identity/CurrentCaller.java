package com.bookingchat.identity;

import jakarta.enterprise.context.RequestScoped;

import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request, of the kind the route serves: app routes ask for the app user
 * ({@link #get()}), system routes for a system client with their scope ({@link #system(SystemScope)}).
 * Without valid claims either is a 401; the other kind of caller, or a client without the scope, is a 403
 * that names neither the route's kind nor the scope it wants.
 */
@RequestScoped
public class CurrentCaller {

    private static final String FORBIDDEN = "The caller may not use this route";

    private final SecurityIdentity identity;
    private final IdentityConfig config;

    CurrentCaller(SecurityIdentity identity, IdentityConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /** The app user calling an app route. */
    public Caller get() {
        return CallerIdentities.callerOf(identity).orElseThrow(() -> CallerIdentities.systemClientOf(identity).isPresent()
                ? new ServiceException(ErrorCode.FORBIDDEN, FORBIDDEN)
                : unauthenticated());
    }

    /** The system client calling a system route, granted {@code scope}. */
    public SystemClient system(SystemScope scope) {
        if (CallerIdentities.callerOf(identity).isPresent()) {
            throw new ServiceException(ErrorCode.FORBIDDEN, FORBIDDEN);
        }
        SystemClient client = CallerIdentities.systemClientOf(identity).orElseThrow(CurrentCaller::unauthenticated);
        if (!client.scopes().contains(scope.nameIn(config.scopes()))) {
            throw new ServiceException(ErrorCode.FORBIDDEN, FORBIDDEN);
        }
        return client;
    }

    private static ServiceException unauthenticated() {
        return new ServiceException(ErrorCode.UNAUTHENTICATED, "The request carries no valid caller claims");
    }
}
