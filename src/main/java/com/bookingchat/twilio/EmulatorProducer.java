package com.bookingchat.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.bookingchat.deployment.RequiredSetting;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;

/**
 * Starts the Conversations emulator where {@code twilio.api-base-url} points, in dev and test only: the
 * bean does not exist in a production build, so production can only ever talk to the configured Twilio.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
class EmulatorProducer {

    @Produces
    @Singleton
    @Startup
    TwilioEmulator twilioEmulator(TwilioConfig config) {
        int port = config.apiBaseUrl()
                .orElseThrow(() -> new IllegalStateException("dev and test need twilio.api-base-url for the emulator"))
                .getPort();
        TwilioEmulator emulator = new TwilioEmulator(RequiredSetting.of(config.accountSid(), "twilio.account-sid"),
                RequiredSetting.of(config.authToken(), "twilio.auth-token"));
        config.emulator().recordTo().ifPresent(emulator::recordTo);
        config.emulator().webhookUrl().ifPresent(emulator.webhooks()::deliverTo);
        return emulator.start(port);
    }

    void stop(@Disposes TwilioEmulator emulator) {
        emulator.close();
    }
}
