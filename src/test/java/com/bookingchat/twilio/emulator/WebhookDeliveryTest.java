package com.bookingchat.twilio.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

import static com.bookingchat.twilio.emulator.TwilioEmulatorContractTest.ACCOUNT_SID;
import static com.bookingchat.twilio.emulator.TwilioEmulatorContractTest.AUTH_TOKEN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulator's webhooks: when they fire, what they carry, and that twilio-java accepts their signatures. */
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One webhook as the receiving application saw it. */
    private record Received(String contentType, String signature, Map<String, String> params) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private TwilioEmulator emulator;
    private HttpServer app;
    private String webhookUrl;
    private String conversationSid;

    @BeforeEach
    void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/twilio/webhook", exchange -> {
            try (exchange) {
                Map<String, String> params = new LinkedHashMap<>();
                for (String pair : new String(exchange.getRequestBody().readAllBytes(), UTF_8).split("&")) {
                    String[] nameValue = pair.split("=", 2);
                    params.put(URLDecoder.decode(nameValue[0], UTF_8), URLDecoder.decode(nameValue[1], UTF_8));
                }
                received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("X-Twilio-Signature"), params));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        app.start();
        webhookUrl = "http://127.0.0.1:" + app.getAddress().getPort() + "/twilio/webhook";
        emulator = new TwilioEmulator(ACCOUNT_SID, AUTH_TOKEN).start(0);
        emulator.webhooks().deliverTo(URI.create(webhookUrl));
        conversationSid = rest("/v1/Conversations", Map.of("UniqueName", "booking:b-1:booking_chat"), null)
                .get("sid").asText();
        rest("/v1/Conversations/" + conversationSid + "/Participants", Map.of("Identity", "customer-1"), null);
        rest("/v1/Conversations/" + conversationSid + "/Participants", Map.of("Identity", "provider-1"), null);
    }

    @AfterEach
    void stop() {
        emulator.close();
        app.stop(0);
    }

    @Test
    void restCallsFireWebhooksOnlyWhenTheyEnableThem() throws Exception {
        String messages = "/v1/Conversations/" + conversationSid + "/Messages";
        rest(messages, Map.of("Author", "customer-1", "Body", "absent"), null);
        rest(messages, Map.of("Author", "customer-1", "Body", "off"), "false");
        JsonNode on = rest(messages, Map.of("Author", "customer-1", "Body", "on"), "true");
        JsonNode read = rest("/v1/Conversations/" + conversationSid + "/Participants/provider-1",
                Map.of("LastReadMessageIndex", "2"), "true");
        emulator.webhooks().awaitDeliveries();

        assertEquals(2, received.size());
        Map<String, String> added = received.stream().filter(r -> r.params().get("EventType").equals("onMessageAdded"))
                .findFirst().orElseThrow().params();
        assertEquals(on.get("sid").asText(), added.get("MessageSid"));
        assertEquals("on", added.get("Body"));
        assertEquals("2", added.get("Index"));
        assertEquals("API", added.get("Source"));
        Map<String, String> updated = received.stream()
                .filter(r -> r.params().get("EventType").equals("onParticipantUpdated")).findFirst().orElseThrow()
                .params();
        assertEquals(read.get("sid").asText(), updated.get("ParticipantSid"));
        assertEquals("2", updated.get("LastReadMessageIndex"));
        received.forEach(this::assertSignedByTwilio);
    }

    @Test
    void aClientSdkMessageIsDeliveredSignedBeforeTheCallReturns() {
        assertEquals(200, emulator.webhooks().postAsClient(conversationSid, "customer-1", "Grüße & bis später"));

        Received webhook = received.remove();
        assertSignedByTwilio(webhook);
        assertTrue(webhook.contentType().startsWith("application/x-www-form-urlencoded"), webhook.contentType());
        Map<String, String> params = webhook.params();
        assertEquals("onMessageAdded", params.get("EventType"));
        assertEquals(ACCOUNT_SID, params.get("AccountSid"));
        assertEquals(conversationSid, params.get("ConversationSid"));
        assertEquals("0", params.get("Index"));
        assertEquals("customer-1", params.get("Author"));
        assertEquals("Grüße & bis später", params.get("Body"));
        assertEquals("SDK", params.get("Source"));
        assertEquals("customer-1", params.get("ClientIdentity"));
        assertTrue(params.get("MessageSid").matches("IM[0-9a-f]{32}"), params.get("MessageSid"));
        assertTrue(params.get("ParticipantSid").matches("MB[0-9a-f]{32}"), params.get("ParticipantSid"));
        assertTrue(params.get("DateCreated").endsWith("Z"), params.get("DateCreated"));
        assertEquals(1, emulator.messageCount(conversationSid));
    }

    @Test
    void aClientSdkReadHorizonMovesInTheEmulatorAndIsDelivered() {
        emulator.webhooks().postAsClient(conversationSid, "customer-1", "hello");

        assertEquals(200, emulator.webhooks().readAsClient(conversationSid, "provider-1", 0));

        assertEquals(0, emulator.lastReadMessageIndex(conversationSid, "provider-1").getAsInt());
        received.remove();
        Received webhook = received.remove();
        assertSignedByTwilio(webhook);
        assertEquals("onParticipantUpdated", webhook.params().get("EventType"));
        assertEquals("provider-1", webhook.params().get("Identity"));
        assertEquals("0", webhook.params().get("LastReadMessageIndex"));
        assertEquals("SDK", webhook.params().get("Source"));
    }

    @Test
    void aRedeliveryRepeatsTheLastEventExactly() {
        emulator.webhooks().postAsClient(conversationSid, "customer-1", "hello");

        assertEquals(200, emulator.webhooks().redeliverLast());

        Received first = received.remove();
        Received again = received.remove();
        assertEquals(first, again);
        assertEquals(1, emulator.messageCount(conversationSid));
    }

    private void assertSignedByTwilio(Received webhook) {
        assertTrue(new RequestValidator(AUTH_TOKEN).validate(webhookUrl, webhook.params(), webhook.signature()),
                "twilio-java accepts the signature of " + webhook.params());
    }

    /** A REST call authenticated as the account; {@code webhookEnabled} is the X-Twilio-Webhook-Enabled header. */
    private JsonNode rest(String path, Map<String, String> form, String webhookEnabled) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                        .collect(Collectors.joining("&"))));
        if (webhookEnabled != null) {
            request.header("X-Twilio-Webhook-Enabled", webhookEnabled);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, response.body());
        return JSON.readTree(response.body());
    }
}
