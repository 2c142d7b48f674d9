package com.bookingchat.twilio;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service reaches Twilio. */
@ConfigMapping(prefix = "twilio")
// Public: once one mapping carries constraints, Bean Validation checks every mapping at start, reflectively.
public interface TwilioConfig {

    /** Account SID the REST calls authenticate as (env TWILIO_ACCOUNT_SID); optional so functions that never call Twilio start without it. */
    Optional<String> accountSid();

    /** Auth token of that account (env TWILIO_AUTH_TOKEN); optional for the same reason. */
    Optional<String> authToken();

    /** Scheme, host and port every REST call goes to instead of Twilio's hosts: a regional edge, a proxy, the emulator. */
    Optional<URI> apiBaseUrl();

    /** Longest wait for a connection to Twilio. */
    @WithDefault("2S")
    Duration connectTimeout();

    /** Longest wait for Twilio's answer; a Lambda invocation cannot afford the SDK's 30 s. */
    @WithDefault("5S")
    Duration readTimeout();

    /** Retry-After told to clients when Twilio is unavailable and said nothing of its own. */
    @WithDefault("2S")
    Duration retryAfter();

    /** How calls that Twilio rate-limits or fails are tried again. */
    Retry retry();

    /**
     * Retries with exponential backoff and full jitter, bounded by time: the Lambda invocation's remaining time
     * less the safety margin, or the budget where no deadline is known.
     */
    interface Retry {

        /** Most attempts of one call, the first included: only a guard against a Twilio that asks for no pause at all. */
        @WithDefault("8")
        int maxAttempts();

        /** Backoff before the second attempt; it doubles with each further one. */
        @WithDefault("200MS")
        Duration baseDelay();

        /** Longest wait between two attempts, whatever Twilio's Retry-After says. */
        @WithDefault("2S")
        Duration maxDelay();

        /** Longest time one call may take with its retries when no Lambda deadline is known (dev, tests, a worker thread). */
        @WithDefault("8S")
        Duration budget();

        /** Time kept back from the Lambda deadline for the database work after the call. */
        @WithDefault("1S")
        Duration safetyMargin();
    }

    /** The dev and test emulator. */
    Emulator emulator();

    /** Settings of the embedded Conversations emulator, used in dev and test only. */
    interface Emulator {

        /** File that receives every emulator exchange as a JSON line, for the contract test. */
        Optional<Path> recordTo();

        /** Where the emulator posts signed Conversations webhooks, as Twilio posts them to the configured webhook URL. */
        Optional<URI> webhookUrl();
    }
}
