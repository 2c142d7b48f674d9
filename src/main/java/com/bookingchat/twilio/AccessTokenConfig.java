package com.bookingchat.twilio;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the access tokens of the apps' Conversations SDKs are signed and how long they live; the token function checks them at start. */
@ConfigMapping(prefix = "twilio.access-token")
public interface AccessTokenConfig {

    /** SID (SK…) of the API key that signs the tokens (env TWILIO_ACCESS_TOKEN_API_KEY_SID). */
    Optional<String> apiKeySid();

    /** Secret of that API key, 32 characters as Twilio issues them (env TWILIO_ACCESS_TOKEN_API_KEY_SECRET, a secret). */
    Optional<@Size(min = 32) String> apiKeySecret();

    /** Conversations service (IS…) the tokens' chat grant opens: the account's default one (env TWILIO_ACCESS_TOKEN_CONVERSATIONS_SERVICE_SID). */
    Optional<String> conversationsServiceSid();

    /** How long a token lives, from 1 min to Twilio's limit of 24 h; apps fetch a new one before it ends. */
    @WithDefault("1H")
    @DurationMin(minutes = 1)
    @DurationMax(hours = 24)
    Duration ttl();
}
