package com.bookingchat.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bookingchat.lifecycle.ConversationState;

/** A booking conversation as the create operation answers it; {@code created} tells a first create from a repeat. */
public record ConversationView(String conversationSid, String bookingId, String type, boolean created,
        Instant createdAt,
        @Schema(nullable = true, description = "null when the conversation was created without booking details")
        Map<String, Object> booking,
        List<ParticipantView> participants,
        @Schema(description = "closed once the booking is cancelled, or completed and past its grace period: "
                + "history stays readable, sends are refused") ConversationState state) {
}
