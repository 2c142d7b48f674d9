package com.bookingchat.lifecycle;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When a booking's conversation closes, and how the scheduled run that closes them spends its time. */
@ConfigMapping(prefix = "booking-chat.lifecycle")
public interface LifecycleConfig {

    /** How long after a completed booking's end its conversation stays open. */
    @WithDefault("14D")
    Duration completedGrace();

    /** The most conversations one scheduled run closes in Twilio; the next run takes the rest. */
    @WithDefault("200")
    int batchSize();

    /** Time a scheduled run leaves unused before the invocation's deadline. */
    @WithDefault("10S")
    Duration timeMargin();
}
