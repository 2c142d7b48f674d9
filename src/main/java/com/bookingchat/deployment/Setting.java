package com.bookingchat.deployment;

import java.util.Locale;

/** A setting some function cannot serve without; which function needs which is {@link FunctionRole}'s to say. */
enum Setting {
    DATABASE_URL("quarkus.datasource.jdbc.url"),
    DATABASE_USERNAME("quarkus.datasource.username"),
    DATABASE_PASSWORD("quarkus.datasource.password"),
    TWILIO_ACCOUNT_SID("twilio.account-sid"),
    TWILIO_AUTH_TOKEN("twilio.auth-token"),
    ACCESS_TOKEN_API_KEY_SID("twilio.access-token.api-key-sid"),
    ACCESS_TOKEN_API_KEY_SECRET("twilio.access-token.api-key-secret"),
    CONVERSATIONS_SERVICE_SID("twilio.access-token.conversations-service-sid"),
    WEBHOOK_PUBLIC_BASE_URL("booking-chat.webhook.public-base-url"),
    DIGEST_MESSAGING_SERVICE_SID("booking-chat.digest.messaging-service-sid"),
    USER_DIGEST_KEY("booking-chat.observability.user-digest-key"),
    ERASURE_DIGEST_KEY("booking-chat.erasure.digest-key"),
    UNSUBSCRIBE_KEY("booking-chat.notifications.unsubscribe-key"),
    NOTIFICATIONS_PUBLIC_BASE_URL("booking-chat.notifications.public-base-url"),
    SMTP_HOST("quarkus.mailer.host"),
    EMAIL_FROM("quarkus.mailer.from");

    private final String property;

    Setting(String property) {
        this.property = property;
    }

    String property() {
        return property;
    }

    /** The environment variable that sets it, by MicroProfile Config's rule. */
    String environmentVariable() {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** How an operator reads the name: the property, the variable, and the secret that may hold it instead. */
    String describe() {
        String where = property + " (environment " + environmentVariable();
        if (property.startsWith("twilio.") && this != CONVERSATIONS_SERVICE_SID) {
            where += ", or the Twilio secret";
        } else if (this == DATABASE_USERNAME || this == DATABASE_PASSWORD) {
            where += ", or the database secret";
        } else if (this == USER_DIGEST_KEY) {
            where += ", or the stack's log-digest key secret";
        } else if (this == ERASURE_DIGEST_KEY) {
            where += ", or the erasure secret";
        } else if (this == UNSUBSCRIBE_KEY) {
            where += ", or the mail secret";
        }
        return where + ")";
    }
}
