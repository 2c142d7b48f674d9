package com.bookingchat.lifecycle;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a conversation takes new messages; a closed one keeps its history and its place in the inbox. */
public enum ConversationState {
    ACTIVE("active"),
    CLOSED("closed");

    private final String wire;

    ConversationState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The state of a conversation closed at {@code closedAt}, null if it never was. */
    public static ConversationState of(Instant closedAt) {
        return closedAt == null ? ACTIVE : CLOSED;
    }
}
