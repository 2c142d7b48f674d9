package com.bookingchat.twilio.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.base.Page;
import com.twilio.base.Reader;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.service.configuration.Notification;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the emulator through the real twilio-java client, the way the app does, and checks every
 * response against Twilio's published OpenAPI contract, so the emulator cannot drift into a Twilio
 * that does not exist.
 */
class TwilioEmulatorContractTest {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "emulator-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SID = "[0-9a-f]{32}";

    @Test
    void sdkParsesEveryEmulatedResourceAndEveryResponseHonoursTheOpenApiContract() throws IOException {
        OpenApiResponseValidator validator = validator();
        try (TwilioEmulator emulator = new TwilioEmulator(ACCOUNT_SID, AUTH_TOKEN).start(0)) {
            TwilioRestClient client = client(emulator, AUTH_TOKEN);

            Conversation created = Conversation.creator().setFriendlyName("Booking 42").setUniqueName("booking-42")
                    .setAttributes("{\"bookingId\":42}").create(client);
            String chSid = created.getSid();
            assertTrue(chSid.matches("CH" + SID), chSid);
            assertEquals(ACCOUNT_SID, created.getAccountSid());
            assertEquals(Conversation.State.ACTIVE, created.getState());
            assertEquals("{\"bookingId\":42}", created.getAttributes());
            assertEquals("https://conversations.twilio.com/v1/Conversations/" + chSid, created.getUrl().toString());
            assertEquals(created.getUrl() + "/Messages", created.getLinks().get("messages"));
            assertEquals(chSid, Conversation.fetcher("booking-42").fetch(client).getSid());
            assertTwilioError(409, 50353, () -> Conversation.creator().setUniqueName("booking-42").create(client));

            Participant customer = Participant.creator(chSid).setIdentity("customer-1").create(client);
            assertTrue(customer.getSid().matches("MB" + SID), customer.getSid());
            assertNull(customer.getLastReadMessageIndex());
            Participant.creator(chSid).setIdentity("provider-7").setAttributes("{\"role\":\"provider\"}").create(client);
            assertTwilioError(409, 50433, () -> Participant.creator(chSid).setIdentity("customer-1").create(client));
            assertEquals(customer.getSid(), Participant.fetcher(chSid, "customer-1").fetch(client).getSid());
            assertEquals(List.of("customer-1", "provider-7"),
                    StreamSupport.stream(Participant.reader(chSid).read(client).spliterator(), false)
                            .map(Participant::getIdentity).toList());

            Message first = Message.creator(chSid).setAuthor("customer-1").setBody("Is 9am fine?")
                    .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(client);
            assertEquals(0, first.getIndex());
            assertEquals(customer.getSid(), first.getParticipantSid());
            assertEquals("Is 9am fine?", Message.fetcher(chSid, first.getSid()).fetch(client).getBody());
            for (int i = 1; i < 120; i++) {
                Message.creator(chSid).setAuthor("provider-7").setBody("reply " + i).create(client);
            }

            Reader<Message> newestFirst = Message.reader(chSid).setOrder(Message.OrderType.DESC).pageSize(50);
            Page<Message> page1 = newestFirst.firstPage(client);
            Page<Message> page2 = newestFirst.nextPage(page1, client);
            Page<Message> page3 = newestFirst.getPage(page2.getNextPageUrl("conversations.twilio.com"), client);
            assertEquals(descending(119, 70), indexes(page1));
            assertEquals(descending(69, 20), indexes(page2));
            assertEquals(descending(19, 0), indexes(page3));
            assertFalse(page3.hasNextPage());
            assertEquals(IntStream.range(0, 120).boxed().toList(), StreamSupport.stream(
                    Message.reader(chSid).setOrder(Message.OrderType.ASC).pageSize(50).read(client).spliterator(), false)
                    .map(Message::getIndex).toList());

            Participant read = Participant.updater(chSid, "provider-7").setLastReadMessageIndex(119)
                    .setLastReadTimestamp("2026-11-24T08:00:00Z").update(client);
            assertEquals(119, read.getLastReadMessageIndex());
            assertEquals("2026-11-24T08:00:00Z", read.getLastReadTimestamp());
            assertEquals(OptionalInt.of(119), emulator.lastReadMessageIndex(chSid, "provider-7"));

            // erasure: a message rewritten in place keeps its index and time; a participant taken out is gone
            Message replaced = Message.updater(chSid, first.getSid()).setAuthor("erased-user").setBody("(deleted)")
                    .setAttributes("{\"erased\":true}").setXTwilioWebhookEnabled(Message.WebhookEnabledType.FALSE)
                    .update(client);
            assertEquals(0, replaced.getIndex());
            assertEquals(first.getDateCreated(), replaced.getDateCreated());
            assertEquals("erased-user", replaced.getAuthor());
            assertNull(replaced.getParticipantSid());
            assertEquals("(deleted)", Message.fetcher(chSid, first.getSid()).fetch(client).getBody());
            assertTrue(Participant.deleter(chSid, customer.getSid()).delete(client));
            assertEquals(List.of("provider-7"),
                    StreamSupport.stream(Participant.reader(chSid).read(client).spliterator(), false)
                            .map(Participant::getIdentity).toList());
            assertTwilioError(404, 20404, () -> Participant.deleter(chSid, customer.getSid()).delete(client));
            Participant.creator(chSid).setIdentity("customer-2").create(client);
            assertEquals(List.of("provider-7", "customer-2"),
                    StreamSupport.stream(Participant.reader(chSid).pageSize(1).read(client).spliterator(), false)
                            .map(Participant::getIdentity).toList(), "paged in join order after a removal");
            assertTwilioError(404, 20404, () -> Message.updater(chSid, "IM" + "0".repeat(32)).setBody("x").update(client));
            Conversation other = Conversation.creator().setUniqueName("booking-43").create(client);
            assertTwilioError(400, 50384, () -> Conversation.creator().setState(Conversation.State.CLOSED).create(client));
            Conversation renamed = Conversation.updater(other.getSid()).setFriendlyName("Booking 43").update(client);
            assertEquals("Booking 43", renamed.getFriendlyName());
            Conversation closed = Conversation.updater("booking-43").setState(Conversation.State.CLOSED).update(client);
            assertEquals(Conversation.State.CLOSED, closed.getState());
            assertEquals("closed", emulator.state(other.getSid()));
            // Twilio's closed state is final: no update, participant or message afterwards.
            assertTwilioError(400, 50377, () -> Conversation.updater(other.getSid())
                    .setState(Conversation.State.ACTIVE).update(client));
            assertTwilioError(400, 50377, () -> Participant.creator(other.getSid()).setIdentity("customer-1").create(client));
            assertTwilioError(400, 50377, () -> Message.creator(other.getSid()).setAuthor("customer-1").setBody("hi")
                    .create(client));
            assertEquals(Conversation.State.CLOSED, Conversation.fetcher(other.getSid()).fetch(client).getState());
            String isSid = "IS" + "0123456789abcdef".repeat(2);
            Notification untouched = Notification.fetcher(isSid).fetch(client);
            assertEquals(isSid, untouched.getChatServiceSid());
            assertEquals(Map.of("enabled", false, "badge_count_enabled", false), untouched.getNewMessage());
            Notification updated = Notification.updater(isSid).setNewMessageEnabled(true)
                    .setNewMessageTemplate("New message from ${PARTICIPANT}").setNewMessageBadgeCountEnabled(true)
                    .setAddedToConversationEnabled(true).setAddedToConversationTemplate("Added to ${CONVERSATION}")
                    .update(client);
            assertEquals(Map.of("enabled", true, "template", "New message from ${PARTICIPANT}", "badge_count_enabled", true),
                    updated.getNewMessage());
            assertEquals(Map.of("enabled", true, "template", "Added to ${CONVERSATION}"), updated.getAddedToConversation());
            assertEquals(updated, Notification.fetcher(isSid).fetch(client));
            assertEquals("https://conversations.twilio.com/v1/Services/" + isSid + "/Configuration/Notifications",
                    updated.getUrl().toString());
            assertTwilioError(404, 20404, () -> Notification.fetcher("IS-not-a-service").fetch(client));

            assertTwilioError(404, 20404, () -> Conversation.fetcher("CH" + "0".repeat(32)).fetch(client));
            assertTwilioError(401, 20003, () -> Conversation.fetcher(chSid).fetch(client(emulator, "wrong-token")));
            emulator.failNext("POST", "/Messages$", 429, 20429, 1);
            assertTwilioError(429, 20429, () -> Message.creator(chSid).setBody("throttled").create(client));
            // twilio-java retries 5xx itself: three failures in a row are what reaches the app.
            emulator.failNext("GET", "^/v1/Conversations/CH" + SID + "$", 500, 20500, 3);
            assertTwilioError(500, 20500, () -> Conversation.fetcher(chSid).fetch(client));
            assertEquals(120, emulator.messageCount(chSid));

            List<String> problems = new ArrayList<>();
            emulator.exchanges().forEach(exchange -> problems.addAll(validator.validate(JSON.valueToTree(exchange))));
            assertTrue(emulator.exchanges().size() > 137, "exchanges recorded: " + emulator.exchanges().size());
            assertEquals(List.of(), problems);
        }
    }

    /** Guards the guard: a validator that accepted anything would make the test above worthless. */
    @Test
    void validatorReportsMissingExtraAndMalformedFields() throws IOException {
        OpenApiResponseValidator validator = validator();
        try (TwilioEmulator emulator = new TwilioEmulator(ACCOUNT_SID, AUTH_TOKEN).start(0)) {
            Conversation.creator().create(client(emulator, AUTH_TOKEN));
            ObjectNode exchange = JSON.valueToTree(emulator.exchanges().get(0));
            ObjectNode conversation = (ObjectNode) exchange.get("responseBody");
            conversation.remove("chat_service_sid");
            conversation.put("colour", "blue");
            conversation.put("date_created", "yesterday");
            conversation.put("state", "archived");

            List<String> problems = validator.validate(exchange);

            assertEquals(4, problems.size(), String.join("\n", problems));
        }
    }

    @Test
    void exchangesRecordedByTheAppsTestsHonourTheOpenApiContract() throws IOException {
        OpenApiResponseValidator validator = validator();
        Path recorded = Path.of(System.getProperty("user.dir"), "target", "twilio-emulator-exchanges.jsonl");
        assumeTrue(Files.isRegularFile(recorded), "no " + recorded + ": no test recorded emulator exchanges in this build");
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(recorded)) {
            JsonNode exchange = line.isBlank() ? null : JSON.readTree(line);
            // SMS exchanges are not in this spec; MessagingApiTest holds them to twilio-java's Message model.
            if (exchange != null && !exchange.path("path").asText().startsWith(MessagingApi.PATH_PREFIX)) {
                problems.addAll(validator.validate(exchange));
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The spec lives in shared/ beside the repo and is never copied into it; without it nothing can be checked. */
    private static OpenApiResponseValidator validator() throws IOException {
        Path spec = Path.of(System.getProperty("user.dir"), "..", "shared", "twilio-oai", "twilio_conversations_v1.json")
                .normalize();
        assumeTrue(Files.isRegularFile(spec),
                "Twilio OpenAPI spec not found at " + spec + "; the contract cannot be checked");
        return new OpenApiResponseValidator(spec);
    }

    /**
     * Same wiring as the app: the request URI stays https://*.twilio.com, the route goes to the emulator over plain
     * HTTP, and Apache's own retry of 429/503 is off (it would silently absorb the injected faults).
     */
    static TwilioRestClient client(TwilioEmulator emulator, String authToken) {
        HttpHost emulatorHost = new HttpHost("http", "127.0.0.1", emulator.port());
        HttpClientBuilder http = HttpClientBuilder.create().disableAutomaticRetries()
                .setRoutePlanner((target, context) -> new HttpRoute(emulatorHost));
        return new TwilioRestClient.Builder(ACCOUNT_SID, authToken).httpClient(new NetworkHttpClient(http)).build();
    }

    private static void assertTwilioError(int status, int code, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.getStatusCode(), e.getMessage());
        assertEquals(code, e.getCode(), e.getMessage());
    }

    private static List<Integer> indexes(Page<Message> page) {
        return page.getRecords().stream().map(Message::getIndex).toList();
    }

    private static List<Integer> descending(int from, int to) {
        return IntStream.rangeClosed(to, from).map(i -> from + to - i).boxed().toList();
    }
}
