package com.bookingchat.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One conversation in the caller's inbox, with the caller's unread count and read time. */
public record InboxEntry(String conversationSid, String bookingId, String type, Map<String, Object> booking,
        List<ParticipantView> participants, Instant createdAt, Instant lastMessageAt, long unreadCount,
        Instant lastReadAt) {
}
