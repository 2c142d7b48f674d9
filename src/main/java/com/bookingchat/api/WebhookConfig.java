package com.bookingchat.api;

import java.util.Optional;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;

/** Where Twilio reaches this API, to check the signatures of its webhooks; the webhook function checks it at start. */
@ConfigMapping(prefix = "booking-chat.webhook")
public interface WebhookConfig {

    /**
     * The webhook URL configured in Twilio up to the route path: scheme://host[:port][/stage], no query (env
     * BOOKING_CHAT_WEBHOOK_PUBLIC_BASE_URL).
     */
    Optional<@Pattern(regexp = "https?://[^/?#\\s]+(/[^?#\\s]*)?") String> publicBaseUrl();
}
