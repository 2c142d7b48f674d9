package com.bookingchat.notifications;

import java.util.Locale;

/** A way of telling people about messages they have not read: Twilio's push, and the SMS and e-mail digests. */
public enum NotificationChannel {
    PUSH, SMS, EMAIL;

    /** The value in the API and in unsubscribe links: push, sms or email. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
