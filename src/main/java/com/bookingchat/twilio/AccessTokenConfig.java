package com.bookingchat.twilio;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import com.bookingchat.notifications.PushPlatform;

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

    /** The push credentials (CR…) of the apps' platforms; a platform without one gets tokens without push. */
    PushCredentials pushCredential();

    /** Push credentials per platform, created in Twilio from the APNs key or the FCM service account. */
    interface PushCredentials {

        /** APNs credential of the iOS apps (env TWILIO_ACCESS_TOKEN_PUSH_CREDENTIAL_IOS). */
        Optional<@Pattern(regexp = "CR[0-9a-fA-F]{32}") String> ios();

        /** FCM credential of the Android apps (env TWILIO_ACCESS_TOKEN_PUSH_CREDENTIAL_ANDROID). */
        Optional<@Pattern(regexp = "CR[0-9a-fA-F]{32}") String> android();

        /** FCM credential of web push (env TWILIO_ACCESS_TOKEN_PUSH_CREDENTIAL_WEB). */
        Optional<@Pattern(regexp = "CR[0-9a-fA-F]{32}") String> web();

        /** The credential of that platform, if one is configured. */
        default Optional<String> of(PushPlatform platform) {
            return switch (platform) {
                case IOS -> ios();
                case ANDROID -> android();
                case WEB -> web();
            };
        }
    }

    /** How long a token lives, from 1 min to Twilio's limit of 24 h; apps fetch a new one before it ends. */
    @WithDefault("1H")
    @DurationMin(minutes = 1)
    @DurationMax(hours = 24)
    Duration ttl();
}
