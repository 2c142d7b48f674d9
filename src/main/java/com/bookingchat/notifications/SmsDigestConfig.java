package com.bookingchat.notifications;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the SMS digest is sent from; beside the digest's own settings, under the same prefix. */
@ConfigMapping(prefix = "booking-chat.digest")
interface SmsDigestConfig {

    /** Messaging Service the digest SMS are sent from (env BOOKING_CHAT_DIGEST_MESSAGING_SERVICE_SID); only the digest function needs it. */
    Optional<String> messagingServiceSid();
}
