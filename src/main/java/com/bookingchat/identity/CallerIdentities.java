package com.bookingchat.identity;

import java.util.Optional;

import com.bookingchat.persistence.UserType;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Builds and reads the security identity that carries a {@link Caller}. */
final class CallerIdentities {

    static final String USER_TYPE_ATTRIBUTE = "booking-chat.user-type";
    private static final int MAX_USER_ID_LENGTH = 128;

    private CallerIdentities() {
    }

    /**
     * An identity for a well-formed user id and type; anything else authenticates nobody. A user id with
     * U+0000 is not well-formed: PostgreSQL text cannot hold it, so every lookup by it would fail.
     */
    static Optional<SecurityIdentity> of(String userId, String userType) {
        if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH || userId.indexOf('\0') >= 0
                || userType == null) {
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

    static Optional<Caller> callerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        UserType type = identity.getAttribute(USER_TYPE_ATTRIBUTE);
        return type == null ? Optional.empty() : Optional.of(new Caller(identity.getPrincipal().getName(), type));
    }
}
