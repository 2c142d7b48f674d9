package com.bookingchat.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.notifications.PushConfigurationService.PushConfigurationResult;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The deploy step's push configuration, applied through twilio-java to the emulated Conversations service (whose
 * answers the emulator contract test holds to Twilio's OpenAPI description): the settings' text, and a second
 * application that changes nothing.
 */
@QuarkusTest
class PushConfigurationTest {

    private static final String NOTIFICATIONS = "^/v1/Services/IS[0-9a-fA-F]{32}/Configuration/Notifications$";

    @Inject
    PushConfigurationService push;

    @Inject
    PushConfigurationGateway twilio;

    @Inject
    TwilioEmulator emulator;

    @Inject
    Fixtures fixtures;

    @ConfigProperty(name = "twilio.access-token.conversations-service-sid")
    String serviceSid;

    @BeforeEach
    void aServiceWithoutPush() {
        fixtures.reset();
    }

    @Test
    void theFirstApplicationSetsNewMessageAndAddedPushesWithoutTheBodyAndTheSecondChangesNothing() {
        PushConfigurationResult first = push.apply();

        assertTrue(first.changed());
        assertEquals(new PushSettings(true, "New message from ${PARTICIPANT} about ${CONVERSATION}", true, true,
                "You were added to ${CONVERSATION}"), twilio.current());
        assertEquals(1, emulator.requestCount("POST", NOTIFICATIONS));

        PushConfigurationResult second = push.apply();

        assertFalse(second.changed());
        assertEquals(first.settings(), second.settings());
        assertEquals(1, emulator.requestCount("POST", NOTIFICATIONS), "nothing is written the second time");
    }

    @Test
    void aConfigurationChangedByHandInTheConsoleIsPutBack() {
        push.apply();
        twilio.apply(new PushSettings(true, "${MESSAGE}", false, false, null));

        PushConfigurationResult repaired = push.apply();

        assertTrue(repaired.changed());
        assertEquals(repaired.settings(), twilio.current());
    }

    @Test
    void withTheBodySettingTheLockScreenShowsTheMessage() {
        PushConfig showBody = new PushConfig() {
            @Override
            public boolean showMessageBody() {
                return true;
            }

            @Override
            public boolean badgeCount() {
                return false;
            }

            @Override
            public boolean addedToConversation() {
                return false;
            }
        };

        PushSettings wanted = new PushConfigurationService(twilio, showBody).wanted();

        assertEquals("${PARTICIPANT} about ${CONVERSATION}: ${MESSAGE}", wanted.newMessageTemplate());
        assertFalse(wanted.badgeCount());
        assertFalse(wanted.addedToConversation());
    }
}
