package com.bookingchat.identity;

/** The scopes system routes require; their names on the wire are settings ({@link IdentityConfig.Scopes}). */
public enum SystemScope {
    /** The booking system: booking status updates and account erasure. */
    BOOKINGS_WRITE,
    /** Support tools: reading a booking's conversation, on record. */
    SUPPORT_READ;

    String nameIn(IdentityConfig.Scopes scopes) {
        return switch (this) {
            case BOOKINGS_WRITE -> scopes.bookingsWrite();
            case SUPPORT_READ -> scopes.supportRead();
        };
    }
}
