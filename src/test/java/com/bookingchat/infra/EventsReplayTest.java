package com.bookingchat.infra;

import static com.bookingchat.Lambda.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.infra.ServedRoutes.Route;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Replays every file in infra/events, unchanged but for the placeholder conversation SID, through the
 * Lambda event path against a seeded booking conversation, so the files users hand to
 * {@code sam local invoke} stay answerable. A file whose route the code does not serve yet is skipped,
 * naming the route, and is checked as soon as the route lands.
 */
@QuarkusTest
class EventsReplayTest {

    private static final Path EVENTS = Path.of("infra", "events");
    /** The conversation SID the files name; the seeded conversation's real SID replaces it. */
    private static final String PLACEHOLDER_SID = "CH00000000000000000000000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The status each file answers against the seed: create finds the conversation the seed already made
     * (200, not 201). The token, webhook and digest routes belong to issues 4 and 5: their files expect the
     * success those issues describe (the webhook names an unknown conversation, which is acknowledged).
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

    private String conversationSid;

    @BeforeEach
    void seedTheBookingConversation() {
        fixtures.reset();
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-123/conversations", Fixtures.SEED_CREATE);
        assertEquals(201, created.status(), created.body());
        conversationSid = created.json().getString("conversationSid");
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

        Reply reply = Lambda.invoke(event.replace(PLACEHOLDER_SID, conversationSid));

        assertEquals(EXPECTED_STATUS.get(file), reply.status(), file + " answered " + reply.body());
    }

    @Test
    void everyEventFileHasAnExpectedStatus() throws IOException {
        assertEquals(EXPECTED_STATUS.keySet(), Set.copyOf(eventFiles()));
    }

    /** The webhook file carries a real signature, for the test auth token and the URL its host and path make. */
    @Test
    void theWebhookEventIsSignedAsTwilioSignsIt() throws IOException {
        JsonNode event = JSON.readTree(EVENTS.resolve("twilio-webhook.json").toFile());
        String url = event.path("headers").path("x-forwarded-proto").asText() + "://"
                + event.path("headers").path("host").asText() + event.path("rawPath").asText();
        String form = new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        String authToken = ConfigProvider.getConfig().getValue("twilio.auth-token", String.class);

        assertTrue(new RequestValidator(authToken).validate(url, parameters,
                event.path("headers").path("x-twilio-signature").asText()), url);
    }
}
