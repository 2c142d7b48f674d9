package com.bookingchat.floodcontrol;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How fast one caller may send messages, counted across every function instance. */
@ConfigMapping(prefix = "booking-chat.flood-control")
public interface FloodControlConfig {

    /** Messages one caller may send per minute, sustained. */
    @WithDefault("20")
    @Min(1)
    int messagesPerMinute();

    /** Messages one caller may send back to back after a quiet spell, before the sustained rate applies. */
    @WithDefault("10")
    @Min(1)
    int burst();
}
