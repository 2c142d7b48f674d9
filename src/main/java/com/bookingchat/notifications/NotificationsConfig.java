package com.bookingchat.notifications;

import java.util.Optional;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The e-mail digest and its unsubscribe links; only the digest and unsubscribe functions use them. */
@ConfigMapping(prefix = "booking-chat.notifications")
public interface NotificationsConfig {

    /** Signs the unsubscribe links, at least 32 characters (the mail secret's unsubscribeKey; a secret). */
    Optional<@Size(min = 32) String> unsubscribeKey();

    /** The API's public URL the unsubscribe links start with (env BOOKING_CHAT_NOTIFICATIONS_PUBLIC_BASE_URL). */
    Optional<@Pattern(regexp = "https?://[^/?#\\s]+(/[^?#\\s]*)?") String> publicBaseUrl();

    /** Subject line of the digest e-mails. */
    @WithDefault("Unread messages in booking chat")
    String emailSubject();
}
