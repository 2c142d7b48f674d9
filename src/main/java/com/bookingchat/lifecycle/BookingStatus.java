package com.bookingchat.lifecycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A booking's status as the booking system reports it; stored and sent in lower case. */
public enum BookingStatus {
    PENDING("pending"),
    CONFIRMED("confirmed"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String wire;

    BookingStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses the lower-case spelling; anything else is not a status. */
    @JsonCreator
    public static BookingStatus fromWire(String value) {
        for (BookingStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be pending, confirmed, cancelled or completed");
    }
}
