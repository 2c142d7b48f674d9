package com.bookingchat.infra;

import static com.bookingchat.Lambda.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Replays every file in infra/events through the Lambda event path against a seeded booking conversation,
 * so the files users hand to {@code sam local invoke} stay answerable. Only the placeholder conversation SID
 * changes, and the webhook's signature, which covers the URL Twilio calls and so differs per deployment. A
 * file whose route the code does not serve yet is skipped, naming the route, and is checked once it lands.
 */
@QuarkusTest
class EventsReplayTest {

    private static final Path EVENTS = Path.of("infra", "events");
    /** The conversation SID the files name; the seeded conversation's real SID replaces it. */
    private static final String PLACEHOLDER_SID = "CH00000000000000000000000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Route WEBHOOK = Route.of("POST /twilio/webhook");

    /**
     * The status each file answers against the seed: create finds the conversation the seed already made
     * (200, not 201); the webhook records the provider's reply. The digest route belongs to issue 4, whose
     * run answers 200.
     */
    private static final Map<String, Integer> EXPECTED_STATUS = Map.of(
            "create-conversation.json", 200,
            "send-message.json", 201,
            "list-conversations.json", 200,
            "get-messages.json", 200,
            "mark-read.json", 200,
            "issue-token.json", 200,
            "twilio-webhook.json", 200,
            "digest-schedule.json", 200);

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
        Reply sent = Lambda.post(CUSTOMER, "/conversations/" + conversationSid + "/messages",
                "{\"body\":\"When will you arrive?\",\"bookingId\":\"booking-123\"}");
        assertEquals(201, sent.status(), sent.body());
    }

    static List<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void eachEventFileIsAnsweredWithItsRoutesStatus(String file) throws IOException {
        String event = Files.readString(EVENTS.resolve(file));
        Route route = Route.of(JSON.readTree(event).path("routeKey").asText());
        Set<String> served = ServedRoutes.scan().stream().map(Route::shape).collect(Collectors.toSet());
        assumeTrue(served.contains(route.shape()), route + " is not served yet, so " + file + " waits for it");

        Reply reply = Lambda.invoke(route.shape().equals(WEBHOOK.shape())
                ? signedForThisDeployment(event)
                : event.replace(PLACEHOLDER_SID, conversationSid));

        assertEquals(EXPECTED_STATUS.get(file), reply.status(), file + " answered " + reply.body());
    }

    @Test
    void everyEventFileHasAnExpectedStatus() throws IOException {
        assertEquals(EXPECTED_STATUS.keySet(), Set.copyOf(eventFiles()));
    }

    /** The webhook event about the seeded conversation, signed as Twilio signs it for this deployment's URL. */
    private String signedForThisDeployment(String eventText) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(eventText);
        String form = new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8)
                .replace(PLACEHOLDER_SID, conversationSid);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        String url = publicBaseUrl + event.path("rawPath").asText();
        ((ObjectNode) event.get("headers")).put("x-twilio-signature", emulator.webhooks().signature(url, parameters));
        event.put("body", Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)));
        return event.toString();
    }
}
