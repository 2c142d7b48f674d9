package com.bookingchat.notifications;

import java.util.Locale;

/** A platform whose app can receive Twilio push notifications, each through its own push credential (CR…). */
public enum PushPlatform {
    IOS, ANDROID, WEB;

    /** The value the apps send: ios, android or web. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a value the API's validation already held to {@code ios|android|web}. */
    public static PushPlatform fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
