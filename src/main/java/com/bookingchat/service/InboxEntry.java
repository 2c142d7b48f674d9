package com.bookingchat.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bookingchat.lifecycle.ConversationState;

/** One conversation in the caller's inbox, with the caller's unread count and read time. */
public record InboxEntry(String conversationSid, String bookingId, String type,
        @Schema(nullable = true, description = "null when the conversation was created without booking details")
        Map<String, Object> booking,
        List<ParticipantView> participants, Instant createdAt,
        @Schema(nullable = true, description = "null until the conversation's first message") Instant lastMessageAt,
        long unreadCount,
        @Schema(nullable = true, description = "null until the caller first marks the conversation read") Instant lastReadAt,
        @Schema(description = "closed once the booking is cancelled, or completed and past its grace period: "
                + "history stays readable, sends are refused") ConversationState state) {
}
