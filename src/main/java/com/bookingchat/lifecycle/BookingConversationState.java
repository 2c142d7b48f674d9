package com.bookingchat.lifecycle;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One conversation of a booking and whether it still takes messages. */
public record BookingConversationState(String conversationSid, String type, ConversationState state,
        @Schema(nullable = true, description = "null while the conversation is active") Instant closedAt) {
}
