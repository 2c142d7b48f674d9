package com.bookingchat.lifecycle;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The booking's recorded status after an update, and its conversations' states.
 *
 * @param applied false when the update changed nothing: a repeat, or older than the status recorded
 */
public record BookingStatusView(String bookingId, BookingStatus status, Instant endsAt, Instant occurredAt,
        boolean applied,
        @Schema(nullable = true, description = "when the booking's conversations close: at once when cancelled, "
                + "the grace period after endsAt when completed, null otherwise")
        Instant closesAt,
        List<BookingConversationState> conversations) {
}
