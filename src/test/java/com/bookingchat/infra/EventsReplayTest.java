package com.bookingchat.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.infra.ServedRoutes.Route;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Replays every file in infra/events through the Lambda event path against a seeded booking conversation,
 * so the files users hand to {@code sam local invoke} stay answerable (see {@link EventFiles}). Only the
 * placeholder conversation SID changes, and the webhook's signature, which covers the URL Twilio calls and so
 * differs per deployment. A file whose route the code does not serve yet is skipped, naming the route, and is
 * checked once it lands.
 */
@QuarkusTest
class EventsReplayTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @ConfigProperty(name = "booking-chat.webhook.public-base-url")
    String publicBaseUrl;

    private String conversationSid;

    @BeforeEach
    void seedTheBookingConversation() {
        conversationSid = fixtures.resetWithSeedConversation();
        EventFiles.sendTheSeedMessage(conversationSid);
    }

    static List<String> eventFiles() throws IOException {
        return EventFiles.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void eachEventFileIsAnsweredWithItsRoutesStatus(String file) throws IOException {
        Route route = EventFiles.route(Files.readString(EventFiles.EVENTS.resolve(file)));
        Set<String> served = ServedRoutes.scan().stream().map(Route::shape).collect(Collectors.toSet());
        assumeTrue(served.contains(route.shape()), route + " is not served yet, so " + file + " waits for it");

        Reply reply = Lambda.invoke(EventFiles.aboutConversation(file, conversationSid, publicBaseUrl, emulator.webhooks()));

        assertEquals(EventFiles.EXPECTED_STATUS.get(file), reply.status(), file + " answered " + reply.body());
    }

    @Test
    void everyEventFileHasAnExpectedStatus() throws IOException {
        assertEquals(EventFiles.EXPECTED_STATUS.keySet(), Set.copyOf(eventFiles()));
    }
}
