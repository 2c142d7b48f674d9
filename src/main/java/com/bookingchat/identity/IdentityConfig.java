package com.bookingchat.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which JWT claims name the caller. */
@ConfigMapping(prefix = "booking-chat.identity")
public interface IdentityConfig {

    /** Claim holding the user id. */
    @WithDefault("sub")
    String userIdClaim();

    /** Claim holding the user type, customer or provider. */
    @WithDefault("user_type")
    String userTypeClaim();
}
