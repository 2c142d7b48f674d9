package com.bookingchat.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.infra.ServedRoutes.Route;
import com.bookingchat.twilio.emulator.WebhookDelivery;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The files in infra/events, which users hand to {@code sam local invoke}, and what each answers against
 * a seeded booking conversation with one message: create finds the conversation the seed already made
 * (200, not 201); the webhook records the provider's reply; the digest run answers 200; the booking system
 * confirms the booking; the lifecycle run finds nothing due.
 */
final class EventFiles {

    static final Path EVENTS = Path.of("infra", "events");
    /** The status each file answers against the seed. */
    static final Map<String, Integer> EXPECTED_STATUS = Map.ofEntries(
            Map.entry("create-conversation.json", 200),
            Map.entry("send-message.json", 201),
            Map.entry("list-conversations.json", 200),
            Map.entry("get-messages.json", 200),
            Map.entry("mark-read.json", 200),
            Map.entry("issue-token.json", 200),
            Map.entry("twilio-webhook.json", 200),
            Map.entry("digest-schedule.json", 200),
            Map.entry("migrate.json", 200),
            Map.entry("update-booking-status.json", 200),
            Map.entry("lifecycle-schedule.json", 200),
            Map.entry("support-find-conversations.json", 200),
            Map.entry("support-get-messages.json", 200),
            // someone the seed does not know, so the files after it still find the seed's participants
            Map.entry("erase-user.json", 200),
            Map.entry("push-configuration.json", 200),
            Map.entry("get-notification-preferences.json", 200),
            Map.entry("update-notification-preferences.json", 200),
            // signed with the test profile's unsubscribe key, which the deployed tests' mail secret holds too
            Map.entry("unsubscribe.json", 200),
            Map.entry("unsubscribe-one-click.json", 200));

    /** The conversation SID the files name; the seeded conversation's real SID replaces it. */
    private static final String PLACEHOLDER_SID = "CH00000000000000000000000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Route WEBHOOK = Route.of("POST /twilio/webhook");

    private EventFiles() {
    }

    /** The seed's first message, which the files' expectations assume: the customer asks when the provider comes. */
    static void sendTheSeedMessage(String sid) {
        Reply sent = Lambda.post(Lambda.CUSTOMER, "/conversations/" + sid + "/messages",
                "{\"body\":\"When will you arrive?\",\"bookingId\":\"booking-123\"}");
        assertEquals(201, sent.status(), sent.body());
    }

    /** Every event file's name. */
    static List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
        }
    }

    /**
     * An event file about the conversation {@code sid}; the webhook's is also signed as Twilio signs it for a
     * deployment whose public base URL is {@code publicBaseUrl}, since the signature covers that URL.
     */
    static String aboutConversation(String file, String sid, String publicBaseUrl, WebhookDelivery twilio)
            throws IOException {
        String eventText = Files.readString(EVENTS.resolve(file));
        if (!route(eventText).shape().equals(WEBHOOK.shape())) {
            return eventText.replace(PLACEHOLDER_SID, sid);
        }
        ObjectNode event = (ObjectNode) JSON.readTree(eventText);
        String form = new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8)
                .replace(PLACEHOLDER_SID, sid);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        String url = publicBaseUrl + event.path("rawPath").asText();
        ((ObjectNode) event.get("headers")).put("x-twilio-signature", twilio.signature(url, parameters));
        event.put("body", Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)));
        return event.toString();
    }

    /** The route an event file names. */
    static Route route(String eventText) throws IOException {
        return Route.of(JSON.readTree(eventText).path("routeKey").asText());
    }
}
