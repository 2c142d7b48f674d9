package com.bookingchat.observability;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the functions log and which metrics they publish. */
@ConfigMapping(prefix = "booking-chat.observability")
public interface ObservabilityConfig {

    /**
     * Key of the HMAC that turns a user id into the digest the logs carry, so a list of ids cannot be matched
     * against the logs without it (env BOOKING_CHAT_OBSERVABILITY_USER_DIGEST_KEY, or the application secret).
     */
    Optional<String> userDigestKey();

    /** Whether each invocation's line and the metric documents are JSON (deployed) or a readable line (dev). */
    @WithDefault("true")
    boolean json();

    /** CloudWatch namespace of every metric the functions publish. */
    @WithDefault("BookingChat")
    String metricsNamespace();

    /** Whether the functions write metric documents at all; dev mode has no CloudWatch to read them. */
    @WithDefault("true")
    boolean metricsEnabled();
}
