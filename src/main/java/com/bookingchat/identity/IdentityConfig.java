package com.bookingchat.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which JWT claims name the caller, and which scopes the system routes require. */
@ConfigMapping(prefix = "booking-chat.identity")
public interface IdentityConfig {

    /** Claim holding the user id. */
    @WithDefault("sub")
    String userIdClaim();

    /** Claim holding the user type, customer or provider; a token without it is a system client's. */
    @WithDefault("user_type")
    String userTypeClaim();

    /** Claim holding a system client's id (client-credentials tokens). */
    @WithDefault("client_id")
    String clientIdClaim();

    /** Claim holding a system client's scopes, space-separated. */
    @WithDefault("scope")
    String scopeClaim();

    /** The scope names the system routes require; the template's AuthorizationScopes must name the same. */
    Scopes scopes();

    /** One scope name per kind of system caller. */
    interface Scopes {

        /** Scope of the booking system (booking status updates, erasure). */
        @WithDefault("booking-chat/bookings.write")
        String bookingsWrite();

        /** Scope of support tools (audited conversation reads). */
        @WithDefault("booking-chat/support.read")
        String supportRead();
    }
}
