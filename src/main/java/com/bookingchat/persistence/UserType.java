package com.bookingchat.persistence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which app a participant uses; stored and sent in lower case, as the apps' teams spell it. */
public enum UserType {
    CUSTOMER("customer"),
    PROVIDER("provider");

    private final String wire;

    UserType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses the lower-case spelling; anything else is not a user type. */
    @JsonCreator
    public static UserType fromWire(String value) {
        for (UserType type : values()) {
            if (type.wire.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("userType must be customer or provider");
    }
}
