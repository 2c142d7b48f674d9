package com.bookingchat.deployment;

import static com.bookingchat.deployment.Setting.*;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What one deployed function serves, named by its {@code BOOKING_CHAT_FUNCTION} variable, and the settings it
 * cannot serve without. Every function ships the same artifact, so without this each would insist on every
 * feature's settings, and an operator would have to invent values for settings a function never reads.
 */
public enum FunctionRole {
    CREATE(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, USER_DIGEST_KEY)),
    SEND(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, USER_DIGEST_KEY)),
    LIST(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, USER_DIGEST_KEY)),
    READ(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, USER_DIGEST_KEY)),
    TOKEN(EnumSet.of(TWILIO_ACCOUNT_SID, ACCESS_TOKEN_API_KEY_SID, ACCESS_TOKEN_API_KEY_SECRET, CONVERSATIONS_SERVICE_SID,
            USER_DIGEST_KEY)),
    WEBHOOK(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
            WEBHOOK_PUBLIC_BASE_URL)),
    DIGEST(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
            DIGEST_MESSAGING_SERVICE_SID, SMTP_HOST, EMAIL_FROM, UNSUBSCRIBE_KEY, NOTIFICATIONS_PUBLIC_BASE_URL)),
    SUPPORT(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)),
    ERASURE(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
            ERASURE_DIGEST_KEY)),
    LIFECYCLE(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)),
    /**
     * The migrations need the database and nothing else; the push configuration step on the same function asks for
     * the Twilio settings only when it runs, so that migrations can be run by hand without them.
     */
    MIGRATE(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD)),
    PREFERENCES(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, USER_DIGEST_KEY)),
    UNSUBSCRIBE(EnumSet.of(DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, UNSUBSCRIBE_KEY)),
    /** One process serving every route, as dev mode and the tests run: it needs everything. */
    ALL(EnumSet.allOf(Setting.class));

    private final Set<Setting> required;

    FunctionRole(Set<Setting> required) {
        this.required = required;
    }

    Set<Setting> required() {
        return required;
    }

    /** The role a {@code booking-chat.function} value names; none given means one process serving everything. */
    static FunctionRole named(Optional<String> name) {
        if (name.isEmpty()) {
            return ALL;
        }
        try {
            return valueOf(name.get().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("booking-chat.function (environment BOOKING_CHAT_FUNCTION) is '" + name.get()
                    + "', which names no function; one of " + EnumSet.range(CREATE, UNSUBSCRIBE).toString().toLowerCase(Locale.ROOT));
        }
    }
}
