package com.bookingchat.erasure;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a person is erased, and the key that digests the record kept of it. */
@ConfigMapping(prefix = "booking-chat.erasure")
public interface ErasureConfig {

    /**
     * Key of the HMAC-SHA256 that digests an erased person's id, at least 32 characters; in production from the
     * erasure secret (README "Erasure"). Optional here so that functions other than the erasure one start without it.
     */
    Optional<String> digestKey();

    /** What an erased person's messages say instead, in Twilio. */
    @WithDefault("This message was deleted.")
    String placeholderBody();

    /** Who an erased person's messages and records name instead of the person's user id. */
    @WithDefault("erased-user")
    String placeholderAuthor();

    /**
     * Time that must remain in the invocation before the erasure starts on another conversation; it covers one
     * conversation's Twilio work, so the answer (and the lease's release) comes before Lambda ends the call.
     */
    @WithDefault("10S")
    Duration timeMargin();

    /** How long one attempt holds an erasure before a retry may take it over; longer than the function's timeout. */
    @WithDefault("60S")
    Duration lease();
}
