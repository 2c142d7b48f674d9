package com.bookingchat.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import com.bookingchat.persistence.UserType;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Builds and reads the security identity that carries a {@link Caller} or a {@link SystemClient}. */
final class CallerIdentities {

    static final String USER_TYPE_ATTRIBUTE = "booking-chat.user-type";
    static final String SCOPES_ATTRIBUTE = "booking-chat.scopes";
    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_SCOPES = 50;

    private CallerIdentities() {
    }

    /**
     * An identity for a well-formed user id and type; anything else authenticates nobody. A user id with
     * U+0000 is not well-formed: PostgreSQL text cannot hold it, so every lookup by it would fail.
     */
    static Optional<SecurityIdentity> of(String userId, String userType) {
        if (!wellFormedId(userId) || userType == null) {
            return Optional.empty();
        }
        UserType type;
        try {
            type = UserType.fromWire(userType);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(userId))
                .addAttribute(USER_TYPE_ATTRIBUTE, type)
                .build());
    }

    /** An identity for a system client with a well-formed id; scopes that are blank are dropped. */
    static Optional<SecurityIdentity> system(String clientId, Collection<String> scopes) {
        if (!wellFormedId(clientId) || scopes.size() > MAX_SCOPES) {
            return Optional.empty();
        }
        Set<String> granted = new LinkedHashSet<>();
        scopes.stream().filter(s -> s != null && !s.isBlank()).forEach(granted::add);
        return Optional.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(clientId))
                .addAttribute(SCOPES_ATTRIBUTE, Set.copyOf(granted))
                .build());
    }

    static Optional<Caller> callerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        UserType type = identity.getAttribute(USER_TYPE_ATTRIBUTE);
        return type == null ? Optional.empty() : Optional.of(new Caller(identity.getPrincipal().getName(), type));
    }

    static Optional<SystemClient> systemClientOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        Set<String> scopes = identity.getAttribute(SCOPES_ATTRIBUTE);
        return scopes == null ? Optional.empty() : Optional.of(new SystemClient(identity.getPrincipal().getName(), scopes));
    }

    private static boolean wellFormedId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH && id.indexOf('\0') < 0;
    }
}
