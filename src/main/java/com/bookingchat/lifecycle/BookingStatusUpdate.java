package com.bookingchat.lifecycle;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bookingchat.api.StrictInstantDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** Body of a booking status update from the booking system. */
public record BookingStatusUpdate(
        @NotNull BookingStatus status,
        @NotNull @JsonDeserialize(using = StrictInstantDeserializer.class)
        @Schema(description = "when the booking ends (a completed booking's conversation closes a grace period after it)")
        Instant endsAt,
        @NotNull @JsonDeserialize(using = StrictInstantDeserializer.class)
        @Schema(description = "when the booking system made this change: an update older than the one recorded changes nothing")
        Instant occurredAt) {
}
