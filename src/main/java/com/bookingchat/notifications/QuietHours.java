package com.bookingchat.notifications;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A daily stretch of wall-clock time in the user's zone when no digest is sent; a start after the end spans
 * midnight (22:00 to 08:00). Wall-clock time, so a DST change moves the stretch with the user's clocks.
 *
 * @param start the first minute of quiet
 * @param end the first minute after it
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** Whether {@code at} falls inside the quiet hours as the clocks of {@code zone} show it. */
    public boolean covers(Instant at, ZoneId zone) {
        LocalTime local = at.atZone(zone).toLocalTime();
        if (start.isBefore(end)) {
            return !local.isBefore(start) && local.isBefore(end);
        }
        return !local.isBefore(start) || local.isBefore(end);
    }
}
