package com.bookingchat.moderation;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Contact-detail rules for messages posted before a booking is confirmed. */
@ConfigMapping(prefix = "booking-chat.moderation")
public interface ModerationConfig {

    /** Policy per conversation type as comma-separated type=policy pairs (policies: mask, reject, allow). */
    @WithDefault("booking_chat=mask")
    String contactPolicies();

    /** Policy of a conversation type the pairs do not name. */
    @WithDefault("mask")
    String defaultContactPolicy();

    /** Regions (ISO 3166 codes) whose national formats are recognised in phone numbers written without a country code. */
    @WithDefault("US,GB,DE,FR,ES,IT,NL,IN,BR")
    List<String> phoneRegions();

    /** The text that stands in for each contact detail a masked message had. */
    @WithDefault("[contact details hidden until the booking is confirmed]")
    String maskText();
}
