package com.bookingchat.persistence;

import java.time.Instant;

/**
 * One inbox entry as the inbox query returns it; booking details and participants stay JSON text
 * because PostgreSQL already built them.
 */
public record InboxRow(long id, String conversationSid, String bookingId, String type, String bookingJson,
        Instant createdAt, Instant lastMessageAt, Instant activityAt, Instant lastReadAt, long unreadCount,
        String participantsJson, Instant closedAt) {

    /** Where the next page starts when this row is the last of a page. */
    public InboxPosition position() {
        return new InboxPosition(activityAt, id);
    }
}
