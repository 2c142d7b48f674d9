package com.bookingchat.observability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.lambda.LocalDeployment;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the packaged functions write, read from their output as CloudWatch would receive it, with the
 * template's settings (JSON logs): one line per invocation with its fields, the cold-start flag, request ids on
 * every other line, metric documents that follow the Embedded Metric Format, and never a body, phone number,
 * name, user id, access token or Twilio credential, whatever the log level.
 */
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "mk" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    /** The user every marker test request comes from; its id is a marker too. */
    private static final As MARKED_CUSTOMER = new As("customer-" + MARK, "customer");
    private static final As MARKED_PROVIDER = new As("provider-" + MARK, "provider");

    /** DEBUG is the lowest level the build keeps: every line any level can write is written. */
    @RegisterExtension
    static final LocalDeployment deployment = new LocalDeployment()
            .withOptionsForEveryFunction("-Dquarkus.log.level=DEBUG");

    private TwilioEmulator emulator;

    @BeforeEach
    void emptyDeployment() {
        emulator = deployment.emulator();
        execute("TRUNCATE message_notifications, conversation_participants, conversation_metadata, idempotency_keys,"
                + " booking_lifecycle, send_rate_limits, erasures, notification_preferences RESTART IDENTITY");
        emulator.reset();
    }

    @Test
    void aSuccessWritesOneLineWithTheRequestRouteStatusDurationAndADigestOfTheCaller() {
        ObjectNode event = Lambda.event(CUSTOMER, "POST", "/tokens", null, Map.of());

        Reply reply = Lambda.invoke(event.toString());

        assertEquals(200, reply.status(), reply.body());
        JsonNode line = invocationLine("TokenFunction", event);
        assertEquals("INFO", line.path("level").asText());
        assertEquals("booking-chat-dev-token", line.path("function").asText());
        assertEquals("POST /tokens", line.path("route").asText());
        assertEquals(200, line.path("status").asInt());
        assertFalse(line.has("code"), "a success has no problem code");
        assertTrue(line.path("durationMs").isNumber() && line.path("durationMs").asDouble() > 0, line.toString());
        assertTrue(line.path("coldStart").isBoolean(), line.toString());
        assertTrue(line.path("mdc").path("requestId").asText().matches("[0-9a-f-]{36}"), "Lambda's request id: " + line);
        assertEquals("customer", line.path("userType").asText());
        assertEquals(digest("customer", CUSTOMER.userId()), line.path("user").asText(),
                "the user is the HMAC of type and id under the deployment's key");
    }

    @Test
    void aSystemCallerIsNamedByItsClientIdAndNoUserDigest() {
        ObjectNode event = Lambda.event(Lambda.BOOKING_SYSTEM, "PUT", "/bookings/booking-system-call/status",
                "{\"status\":\"confirmed\",\"endsAt\":\"2026-12-01T16:00:00Z\",\"occurredAt\":\"2026-11-24T08:40:00Z\"}",
                Map.of());

        Reply reply = Lambda.invoke(event.toString());

        assertEquals(200, reply.status(), reply.body());
        JsonNode line = invocationLine("LifecycleFunction", event);
        assertEquals("PUT /bookings/{bookingId}/status", line.path("route").asText());
        assertEquals("booking-system", line.path("client").asText());
        assertFalse(line.has("user") || line.has("userType"), line.toString());
    }

    @Test
    void aRefusalWritesItsStatusAndProblemCode() {
        ObjectNode event = Lambda.event(PROVIDER, "POST", "/bookings/booking-123/conversations", "{ \"participants\": [] }", Map.of());

        Reply reply = Lambda.invoke(event.toString());

        assertEquals(400, reply.status(), reply.body());
        JsonNode line = invocationLine("CreateFunction", event);
        assertEquals("POST /bookings/{bookingId}/conversations", line.path("route").asText());
        assertEquals(400, line.path("status").asInt());
        assertEquals("VALIDATION_FAILED", line.path("code").asText());
        assertEquals("provider", line.path("userType").asText());
    }

    @Test
    void aServerErrorWritesItsStatusAndCode() {
        emulator.failNext("POST", "/Conversations$", 400, 50000, 1);
        ObjectNode event = createEvent(CUSTOMER, "booking-500", "+14155550100");

        Reply reply = Lambda.invoke(event.toString());

        assertEquals(502, reply.status(), reply.body());
        JsonNode line = invocationLine("CreateFunction", event);
        assertEquals(502, line.path("status").asInt());
        assertEquals("TWILIO_ERROR", line.path("code").asText());
    }

    @Test
    void theLinesLoggedWhileServingARequestCarryItsRequestIds() {
        String sid = created(CUSTOMER, "booking-ids", "+14155550100");
        ObjectNode event = Lambda.event(null, "POST", "/twilio/webhook", null, Map.of("X-Twilio-Signature", "Zm9yZ2Vk",
                "content-type", "application/x-www-form-urlencoded"));
        event.put("body", "EventType=onMessageAdded&ConversationSid=" + sid);

        assertEquals(403, Lambda.invoke(event.toString()).status());

        JsonNode line = invocationLine("WebhookFunction", event);
        JsonNode warning = jsonLines("WebhookFunction").stream()
                .filter(l -> l.path("message").asText().startsWith("rejected a Twilio webhook"))
                .filter(l -> line.path("mdc").equals(l.path("mdc")))
                .findFirst().orElseThrow(() -> new AssertionError("no warning with the ids of " + line));
        assertEquals("WARN", warning.path("level").asText());
    }

    @Test
    void theColdStartFlagIsTrueForTheFirstInvocationOfEachEnvironmentOnly() {
        deployment.stop("ListFunction");
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode event = Lambda.event(CUSTOMER, "GET", "/conversations", null, Map.of());
            assertEquals(200, Lambda.invoke(event.toString()).status());
            flags.add(invocationLine("ListFunction", event).path("coldStart").asBoolean());
        }
        assertEquals(List.of(true, false, false), flags);
        List<JsonNode> coldStarts = metricDocuments("ListFunction").stream().filter(d -> d.has("ColdStarts")).toList();
        assertEquals(1, coldStarts.size(), "one ColdStarts data point per environment");
        assertEquals("booking-chat-dev-list", coldStarts.get(0).path("Function").asText());

        deployment.stop("ListFunction");
        ObjectNode event = Lambda.event(CUSTOMER, "GET", "/conversations", null, Map.of());
        Lambda.invoke(event.toString());
        assertTrue(invocationLine("ListFunction", event).path("coldStart").asBoolean(), "a new environment starts cold");
    }

    @Test
    void metricDocumentsFollowTheSpecificationAndCountWhatHappened() throws Exception {
        String sid = created(CUSTOMER, "booking-metrics", "+14155550100");
        Map<String, String> key = Map.of("Idempotency-Key", "metrics-" + MARK);
        assertEquals(201, Lambda.send(CUSTOMER, "POST", "/conversations/" + sid + "/messages", "{ \"body\": \"hello\" }", key).status());
        assertEquals(201, Lambda.send(CUSTOMER, "POST", "/conversations/" + sid + "/messages", "{ \"body\": \"hello\" }", key).status());
        assertEquals(403, webhook(sid, "forged", false).status());
        assertEquals(200, webhook(sid, "from the SDK", true).status());
        String quiet = created(CUSTOMER, "booking-metrics-quiet", "+14155550100");
        assertEquals(201, Lambda.post(CUSTOMER, "/conversations/" + quiet + "/messages", "{ \"body\": \"first\" }").status());
        postedBehindOurBack(quiet, "never recorded");
        execute("UPDATE message_notifications SET created_at = created_at - interval '1 hour'");
        assertEquals(200, Lambda.invoke(Files.readString(Path.of("infra", "events", "digest-schedule.json"))).status());

        List<JsonNode> documents = deployment.logs().keySet().stream().flatMap(id -> metricDocuments(id).stream()).toList();
        Set<String> seen = documents.stream().flatMap(d -> {
            List<String> names = new ArrayList<>();
            d.path("_aws").path("CloudWatchMetrics").forEach(directive -> directive.path("Metrics")
                    .forEach(metric -> names.add(metric.path("Name").asText() + dimensionsOf(d, directive))));
            return names.stream();
        }).collect(Collectors.toSet());
        for (String expected : List.of(
                "Requests{Route=POST /conversations/{conversationSid}/messages, StatusClass=2xx}",
                "Requests{Route=POST /twilio/webhook, StatusClass=4xx}",
                "ColdStarts{Function=booking-chat-dev-send}",
                "TwilioCalls{Operation=PostMessage, Outcome=ok}",
                "TwilioCalls{Operation=SendSMS, Outcome=ok}",
                "TwilioLatency{Operation=CreateConversation}",
                "MessagesRecorded{Source=send}",
                "MessagesRecorded{Source=webhook}",
                "MessagesRecorded{Source=reconciliation}",
                "IdempotentReplays{}",
                "WebhookSignatureRejections{}",
                "DigestRecipients{Channel=sms, Outcome=notified}",
                "DigestRuns{Outcome=completed}")) {
            assertTrue(seen.contains(expected), expected + " was not published; published: " + new java.util.TreeSet<>(seen));
        }
        Set<String> namespaces = documents.stream()
                .flatMap(d -> java.util.stream.StreamSupport.stream(d.path("_aws").path("CloudWatchMetrics").spliterator(), false))
                .map(directive -> directive.path("Namespace").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("BookingChat"), namespaces, "one namespace, the template's default");
    }

    @Test
    void noLogLineHoldsABodyPhoneNameUserIdTokenOrTwilioCredential() throws Exception {
        String phone = "+1415555" + (1000 + (int) (Math.random() * 8999));
        String body = "body" + UUID.randomUUID().toString().replace("-", "");
        String name = "Name" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String email = "mail" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "@example.com";
        String sid = created(MARKED_CUSTOMER, "booking-markers", phone, name, email);
        Map<String, String> key = Map.of("Idempotency-Key", "key-markers");
        assertEquals(201, Lambda.send(MARKED_CUSTOMER, "POST", "/conversations/" + sid + "/messages",
                "{ \"body\": \"" + body + "\" }", key).status());
        Lambda.send(MARKED_CUSTOMER, "POST", "/conversations/" + sid + "/messages", "{ \"body\": \"" + body + "\" }", key);
        Lambda.send(MARKED_CUSTOMER, "POST", "/conversations/" + sid + "/messages", "{ \"body\": \"other " + body + "\" }", key);
        Lambda.post(MARKED_CUSTOMER, "/conversations/" + sid + "/messages", "{ \"body\": 42, \"note\": \"" + body + "\" }");
        Lambda.get(MARKED_PROVIDER, "/conversations");
        Lambda.send(MARKED_CUSTOMER, "PUT", "/me/notification-preferences",
                "{\"push\":true,\"sms\":true,\"email\":true,\"timeZone\":\"Europe/Paris\"}", Map.of());
        Lambda.get(MARKED_PROVIDER, "/conversations/" + sid + "/messages?limit=5");
        Lambda.post(MARKED_PROVIDER, "/conversations/" + sid + "/read", null);
        String token = Lambda.post(MARKED_CUSTOMER, "/tokens", null).json().getString("token");
        webhook(sid, "sdk " + body, true);
        webhook(sid, "forged " + body, false);
        emulator.failNext("POST", "/Messages$", 503, 20503, 20);
        Lambda.post(MARKED_CUSTOMER, "/conversations/" + sid + "/messages", "{ \"body\": \"outage " + body + "\" }");
        Lambda.post(MARKED_CUSTOMER, "/conversations/" + sid + "/messages", "{ \"body\": \"call me on " + phone + " " + body + "\" }");
        execute("UPDATE message_notifications SET created_at = created_at - interval '1 hour'");
        emulator.failNext("POST", "/Messages.json$", 400, 21211, 1);
        Lambda.invoke(Files.readString(Path.of("infra", "events", "digest-schedule.json")));
        Lambda.send(Lambda.BOOKING_SYSTEM, "PUT", "/bookings/booking-markers/status",
                "{\"status\":\"confirmed\",\"endsAt\":\"2026-12-01T16:00:00Z\",\"occurredAt\":\"2026-11-24T08:40:00Z\"}", Map.of());
        Lambda.get(Lambda.SUPPORT_TOOL, "/support/bookings/booking-markers/conversations?reason=dispute");
        Lambda.get(Lambda.SUPPORT_TOOL, "/support/conversations/" + sid + "/messages?reason=dispute");
        Lambda.send(Lambda.BOOKING_SYSTEM, "DELETE", "/users/customer/" + MARKED_CUSTOMER.userId(), null, Map.of());

        Map<String, String> markers = new LinkedHashMap<>();
        markers.put("message body", body);
        markers.put("user id", MARK);
        markers.put("phone number", phone);
        markers.put("phone number without its +", phone.substring(1));
        markers.put("user name", name);
        markers.put("e-mail address", email);
        markers.put("access token", token);
        markers.put("access token signature", token.substring(token.lastIndexOf('.') + 1));
        markers.put("Twilio auth token", "deployed-test-auth-token");
        markers.put("Twilio API key secret", LocalDeployment.API_KEY_SECRET);
        markers.put("Twilio basic credentials", Base64.getEncoder().encodeToString(
                (LocalDeployment.ACCOUNT_SID + ":deployed-test-auth-token").getBytes(UTF_8)));
        markers.put("user-digest key", LocalDeployment.USER_DIGEST_KEY);
        Map<String, String> logs = deployment.logs();
        assertTrue(logs.keySet().containsAll(Set.of("CreateFunction", "SendFunction", "ListFunction", "ReadFunction",
                "TokenFunction", "WebhookFunction", "DigestFunction", "LifecycleFunction", "SupportFunction", "ErasureFunction",
                "PreferencesFunction")),
                "every function served: " + logs.keySet());
        assertTrue(logs.values().stream().anyMatch(log -> log.contains("DEBUG")), "the functions logged at DEBUG");
        List<String> leaks = new ArrayList<>();
        logs.forEach((function, log) -> log.lines().forEach(line -> markers.forEach((what, marker) -> {
            if (line.contains(marker)) {
                leaks.add(function + " logged a " + what + ": " + line);
            }
        })));
        assertEquals(List.of(), leaks);
    }

    // ---- reading what the functions wrote ---------------------------------------------------------------

    /** The invocation line of this event, found by its API Gateway request id; exactly one. */
    private static JsonNode invocationLine(String function, ObjectNode event) {
        String apiRequestId = event.path("requestContext").path("requestId").asText();
        List<JsonNode> lines = jsonLines(function).stream()
                .filter(line -> "invocation".equals(line.path("message").asText()))
                .filter(line -> apiRequestId.equals(line.path("mdc").path("apiRequestId").asText()))
                .toList();
        assertEquals(1, lines.size(), "one invocation line for " + apiRequestId + " in " + deployment.function(function).log());
        return lines.get(0);
    }

    private static List<JsonNode> jsonLines(String function) {
        return deployment.function(function).log().lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(function + " wrote a line that starts as JSON but is not: " + line, e);
            }
        }).toList();
    }

    /** The function's metric documents, each held to the Embedded Metric Format specification. */
    private static List<JsonNode> metricDocuments(String function) {
        return deployment.function(function).log().lines().filter(EmfDocuments::isEmf).map(EmfDocuments::valid).toList();
    }

    private static String dimensionsOf(JsonNode document, JsonNode directive) {
        List<String> names = new ArrayList<>();
        directive.path("Dimensions").get(0).forEach(name -> names.add(name.asText()));
        return names.stream().map(n -> n + "=" + document.path(n).asText()).collect(Collectors.joining(", ", "{", "}"));
    }

    private static String digest(String userType, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(LocalDeployment.USER_DIGEST_KEY.getBytes(UTF_8), "HmacSHA256"));
            byte[] full = mac.doFinal((userType + "\n" + userId).getBytes(UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- arranging -------------------------------------------------------------------------------------

    private static ObjectNode createEvent(As caller, String bookingId, String phone) {
        return createEvent(caller, bookingId, phone, "John Doe", null);
    }

    private static ObjectNode createEvent(As caller, String bookingId, String phone, String name, String email) {
        As other = caller.userType().equals("customer") ? new As(caller.userId().replace("customer", "provider"), "provider") : CUSTOMER;
        return Lambda.event(caller, "POST", "/bookings/" + bookingId + "/conversations", """
                { "participants": [
                    { "userId": "%s", "userType": "%s", "userName": "%s", "phone": "%s"%s },
                    { "userId": "%s", "userType": "%s", "userName": "Jane Smith" } ],
                  "booking": { "service": "Plumbing" } }""".formatted(caller.userId(), caller.userType(), name, phone,
                email == null ? "" : ", \"email\": \"" + email + "\"",
                other.userId(), other.userType()), Map.of());
    }

    private static String created(As caller, String bookingId, String phone) {
        return created(caller, bookingId, phone, "John Doe", null);
    }

    private static String created(As caller, String bookingId, String phone, String name, String email) {
        Reply created = Lambda.invoke(createEvent(caller, bookingId, phone, name, email).toString());
        assertEquals(201, created.status(), created.body());
        return created.json().getString("conversationSid");
    }

    /** A Twilio post-event webhook for a message written from the client SDK, signed genuinely or not. */
    private Reply webhook(String sid, String body, boolean genuine) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("EventType", "onMessageAdded");
        event.put("ConversationSid", sid);
        event.put("MessageSid", "IM" + UUID.randomUUID().toString().replace("-", ""));
        event.put("Index", "7");
        event.put("Author", "provider-789");
        event.put("Body", body);
        event.put("DateCreated", "2026-11-29T10:00:00Z");
        String signature = genuine ? emulator.webhooks().signature(LocalDeployment.PUBLIC_BASE_URL + "/twilio/webhook", event)
                : "Zm9yZ2Vk";
        return Lambda.postForm("/twilio/webhook", event, Map.of("X-Twilio-Signature", signature));
    }

    /** A message Twilio holds that no webhook announced: only the digest's reconciliation can find it. */
    private void postedBehindOurBack(String sid, String body) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((LocalDeployment.ACCOUNT_SID + ":deployed-test-auth-token").getBytes(UTF_8));
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(emulator.baseUrl() + "/v1/Conversations/" + sid + "/Messages"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Author=provider-789&Body=" + body.replace(' ', '+')))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, posted.statusCode(), posted.body());
    }

    private static void execute(String sql) {
        try (Connection connection = deployment.database()) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
