package com.bookingchat.deployment;

import java.util.Optional;

/**
 * A setting only the functions that serve its feature must have: the start-up check asks those functions for
 * it, and this is the second line, where the value is used.
 */
public final class RequiredSetting {

    private RequiredSetting() {
    }

    /** The value, or a failure naming the setting this function lacks. */
    public static <T> T of(Optional<T> value, String key) {
        return value.orElseThrow(() -> new IllegalStateException(key + " is not configured for this function"));
    }
}
