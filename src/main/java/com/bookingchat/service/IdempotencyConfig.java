package com.bookingchat.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long Idempotency-Keys live and how repeats wait for an attempt in progress. */
@ConfigMapping(prefix = "booking-chat.idempotency")
public interface IdempotencyConfig {

    /** How long a key's first answer is replayed. */
    @WithDefault("24H")
    Duration retention();

    /** How long an attempt holds its key; longer than a send can take with its Twilio retries. */
    @WithDefault("15S")
    Duration lease();

    /** How long a repeat waits for the attempt in progress before answering 409. */
    @WithDefault("5S")
    Duration waitForInFlight();

    /** Pause between two looks at a key held by another attempt. */
    @WithDefault("100MS")
    Duration pollInterval();
}
