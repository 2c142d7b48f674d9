package com.bookingchat;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bookingchat.Lambda.Reply;
import com.bookingchat.lambda.LocalDeployment;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the packaged functions (JVM or native, as target/function.zip holds) must do beyond the seed flow,
 * each through the function the template routes it to, with that function's environment: sign access tokens
 * Twilio accepts, refuse forged webhooks and record genuine ones, report Twilio's outages as problems (its
 * rate limits are SeedFlowIT's), text the unread digest, answer every refusal with a complete problem body,
 * and fit the memory the template gives each function.
 * Native images fail at run time where a build-time registration is missing, which only running finds.
 */
class PackagedFunctionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBHOOK = "/twilio/webhook";
    private static final String MESSAGES = "/Messages$";
    private static final String CUSTOMER_PHONE = "+14155550100";

    /** The memory test sends 20 messages at once as one customer: a burst the deployed rate limit would refuse. */
    @RegisterExtension
    static final LocalDeployment deployment = new LocalDeployment().withParameter("SendRateLimitBurst", "100");

    private TwilioEmulator emulator;
    private String sid;

    @BeforeEach
    void oneBookingConversation() {
        emulator = deployment.emulator();
        execute("TRUNCATE message_notifications, conversation_participants, conversation_metadata, idempotency_keys, send_rate_limits RESTART IDENTITY");
        emulator.reset();
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-123/conversations", """
                { "participants": [
                    { "userId": "customer-456", "userType": "customer", "userName": "John Doe", "phone": "%s" },
                    { "userId": "provider-789", "userType": "provider", "userName": "Jane Smith" } ],
                  "booking": { "service": "Plumbing" } }""".formatted(CUSTOMER_PHONE));
        assertEquals(201, created.status(), created.body());
        sid = created.json().getString("conversationSid");
    }

    @Test
    void accessTokensAreSignedWithTheApiKeyAndGrantTheConversationsService() throws Exception {
        Reply reply = Lambda.post(CUSTOMER, "/tokens", null);

        assertEquals(200, reply.status(), reply.body());
        String[] jwt = reply.json().getString("token").split("\\.");
        assertEquals(3, jwt.length);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(LocalDeployment.API_KEY_SECRET.getBytes(UTF_8), "HmacSHA256"));
        byte[] expected = hmac.doFinal((jwt[0] + "." + jwt[1]).getBytes(UTF_8));
        assertTrue(MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(jwt[2])), "the signature verifies with the API key secret");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        assertEquals("HS256", header.path("alg").asText());
        assertEquals("twilio-fpa;v=1", header.path("cty").asText());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals(LocalDeployment.API_KEY_SID, claims.path("iss").asText());
        assertEquals(LocalDeployment.ACCOUNT_SID, claims.path("sub").asText());
        assertEquals(CUSTOMER.userId(), claims.path("grants").path("identity").asText());
        assertEquals(LocalDeployment.CONVERSATIONS_SERVICE_SID, claims.path("grants").path("chat").path("service_sid").asText());
        assertEquals(claims.path("exp").asLong(), Instant.parse(reply.json().getString("expiresAt")).getEpochSecond());
    }

    @Test
    void genuineWebhooksAreRecordedAndForgedOnesRefused() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("EventType", "onMessageAdded");
        event.put("AccountSid", LocalDeployment.ACCOUNT_SID);
        event.put("ConversationSid", sid);
        event.put("MessageSid", "IM" + "1".repeat(32));
        event.put("Index", "0");
        event.put("Author", CUSTOMER.userId());
        event.put("Body", "Sent from the app's SDK");
        event.put("Attributes", "{}");
        event.put("DateCreated", "2026-11-01T10:15:30.000Z");
        event.put("Source", "SDK");
        event.put("RetryCount", "0");
        String genuine = emulator.webhooks().signature(LocalDeployment.PUBLIC_BASE_URL + WEBHOOK, event);
        Map<String, String> tampered = new LinkedHashMap<>(event);
        tampered.put("Body", "Sent by someone else");

        for (Reply forged : List.of(
                Lambda.postForm(WEBHOOK, event, Map.of()),
                Lambda.postForm(WEBHOOK, event, Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")),
                Lambda.postForm(WEBHOOK, tampered, Map.of("X-Twilio-Signature", genuine)))) {
            assertEquals(403, forged.status(), forged.body());
            assertEquals("INVALID_SIGNATURE", forged.code());
        }
        assertEquals(0, unread(PROVIDER), "a forged webhook records nothing");

        Reply accepted = Lambda.postForm(WEBHOOK, event, Map.of("X-Twilio-Signature", genuine));

        assertEquals(200, accepted.status(), accepted.body());
        assertEquals(1, unread(PROVIDER));
    }

    @Test
    void aTwilioOutageAnswers503WithRetryAfterAndChangesNothing() {
        emulator.failNext("GET", MESSAGES, 503, 20503, 10);

        Reply history = Lambda.get(CUSTOMER, "/conversations/" + sid + "/messages");

        assertEquals(503, history.status(), history.body());
        assertEquals("TWILIO_UNAVAILABLE", history.code());
        assertNotNull(history.header("Retry-After"));
        assertEquals(0, count("message_notifications"));
    }

    @Test
    void refusalsAreCompleteProblemDocuments() {
        Reply invalid = Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"\"}");

        assertEquals(400, invalid.status(), invalid.body());
        assertEquals("application/problem+json", invalid.header("Content-Type"));
        assertEquals("VALIDATION_FAILED", invalid.code());
        assertEquals(400, invalid.json().getInt("status"));
        assertEquals("urn:booking-chat:problem:validation-failed", invalid.json().getString("type"));
        assertEquals("body", invalid.json().getString("errors[0].field"));

        Reply stranger = Lambda.get(Lambda.STRANGER, "/conversations/" + sid + "/messages");
        assertEquals(404, stranger.status(), stranger.body());
        assertEquals("CONVERSATION_NOT_FOUND", stranger.code());
    }

    @Test
    void theDigestTextsEachRecipientTheirUnreadMessages() throws Exception {
        Lambda.post(PROVIDER, "/conversations/" + sid + "/messages", "{\"body\":\"On my way\"}");
        execute("UPDATE message_notifications SET created_at = created_at - interval '1 hour'");

        Reply run = Lambda.invoke(Files.readString(Path.of("infra", "events", "digest-schedule.json")));

        assertEquals(200, run.status(), run.body());
        assertEquals(1, run.json().getInt("sms.recipientsNotified"), run.body());
        List<Map<String, String>> sms = emulator.sentSms();
        assertEquals(1, sms.size());
        assertEquals(CUSTOMER_PHONE, sms.get(0).get("to"));
        assertEquals(LocalDeployment.MESSAGING_SERVICE_SID, sms.get(0).get("messagingServiceSid"));
        assertEquals("You have 1 unread message in booking chat:\n- Booking booking-123: 1 from Jane Smith", sms.get(0).get("body"));
        assertEquals(0, count("message_notifications WHERE digested_at IS NULL"));
    }

    @Test
    void eachFunctionFitsTheMemoryTheTemplateGivesIt() {
        for (int i = 0; i < 20; i++) {
            assertEquals(201, send("message " + i).status());
            assertEquals(200, Lambda.get(PROVIDER, "/conversations/" + sid + "/messages").status());
            assertEquals(200, Lambda.get(PROVIDER, "/conversations").status());
        }

        for (String function : List.of("CreateFunction", "SendFunction", "ReadFunction", "ListFunction")) {
            LocalDeployment.DeployedFunction deployed = deployment.function(function);
            assertTrue(deployed.residentMegabytes() < deployed.memorySizeMegabytes(), function + " uses "
                    + deployed.residentMegabytes() + " MB of the " + deployed.memorySizeMegabytes() + " MB Lambda would give it");
        }
    }

    private Reply send(String text) {
        return Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"" + text + "\"}");
    }

    private static int unread(Lambda.As caller) {
        Reply inbox = Lambda.get(caller, "/conversations");
        assertEquals(200, inbox.status(), inbox.body());
        return inbox.json().getInt("totalUnread");
    }

    private static void execute(String sql) {
        try (Connection connection = deployment.database(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String tableAndCondition) {
        try (Connection connection = deployment.database(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + tableAndCondition)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
