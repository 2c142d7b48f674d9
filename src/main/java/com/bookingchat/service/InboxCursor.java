package com.bookingchat.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import com.bookingchat.persistence.InboxPosition;

/** Encodes inbox keyset positions as opaque cursors, and refuses cursors it did not make. */
final class InboxCursor {

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
            return new InboxPosition(Instant.parse(raw.substring(0, bar)), Long.parseLong(raw.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
            throw ServiceException.invalid("cursor is not a cursor this service issued");
        }
    }
}
