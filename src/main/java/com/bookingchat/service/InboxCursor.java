package com.bookingchat.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import com.bookingchat.persistence.InboxPosition;

/** Encodes inbox keyset positions as opaque cursors, and refuses cursors it did not make. */
final class InboxCursor {

    /** Activity times lie in these years; outside them PostgreSQL's timestamps end and a query would fail. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private InboxCursor() {
    }

    static String encode(InboxPosition position) {
        String raw = position.activityAt() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static InboxPosition decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            Instant activityAt = Instant.parse(raw.substring(0, bar));
            if (activityAt.isBefore(EARLIEST) || activityAt.isAfter(LATEST)) {
                throw notIssued();
            }
            return new InboxPosition(activityAt, Long.parseLong(raw.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
            throw notIssued();
        }
    }

    private static ServiceException notIssued() {
        return ServiceException.invalid("cursor is not a cursor this service issued");
    }
}
