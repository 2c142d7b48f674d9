package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.bookingchat.twilio.emulator.WebhookDelivery;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Twilio's webhooks keep the inbox current for what the apps' SDKs do directly in Twilio. The emulator delivers
 * them over HTTP to the Lambda mock event server, signed as Twilio signs them; forged ones are built here.
 */
@QuarkusTest
class TwilioWebhookTest {

    private static final String WEBHOOK = "/twilio/webhook";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @ConfigProperty(name = "booking-chat.webhook.public-base-url")
    String publicBaseUrl;

    private WebhookDelivery twilio;
    private String sid;

    @BeforeEach
    void oneConversation() {
        fixtures.reset();
        twilio = emulator.webhooks();
        sid = Lambda.post(CUSTOMER, "/bookings/booking-123/conversations", Fixtures.SEED_CREATE).json()
                .getString("conversationSid");
    }

    @Test
    void aMessageTypedInTheCustomersAppIsUnreadForTheProvider() {
        assertEquals(200, twilio.postAsClient(sid, CUSTOMER.userId(), "Können Sie früher kommen?"));

        Reply inbox = Lambda.get(PROVIDER, "/conversations");
        assertEquals(1, inbox.json().getInt("conversations[0].unreadCount"));
        assertEquals(1, inbox.json().getInt("totalUnread"));
        Reply history = Lambda.get(PROVIDER, "/conversations/" + sid + "/messages");
        assertEquals("Können Sie früher kommen?", history.json().getString("messages[0].body"));
        assertEquals(instant(history.json().getString("messages[0].createdAt")),
                instant(inbox.json().getString("conversations[0].lastMessageAt")));
        assertEquals(0, Lambda.get(CUSTOMER, "/conversations").json().getInt("totalUnread"));
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() {
        twilio.postAsClient(sid, CUSTOMER.userId(), "Hello?");

        assertEquals(200, twilio.redeliverLast());

        assertEquals(1, unread(PROVIDER));
        assertEquals("1/2/1", fixtures.rowCounts());
    }

    @Test
    void aMessageFromOurSendOperationCountsOnceWhenItsWebhookArrivesToo() {
        Reply sent = Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"On my way\"}");
        String lastMessageAt = lastMessageAt();

        assertEquals(200, twilio.deliverMessageAdded(sid, sent.json().getString("messageSid")));

        assertEquals(1, unread(PROVIDER));
        assertEquals("1/2/1", fixtures.rowCounts());
        assertEquals(lastMessageAt, lastMessageAt());
    }

    @Test
    void aReadHorizonMovedInTheProvidersAppLowersItsUnreadCount() {
        for (String body : new String[] { "one", "two", "three" }) {
            twilio.postAsClient(sid, CUSTOMER.userId(), body);
        }
        assertEquals(3, unread(PROVIDER));

        assertEquals(200, twilio.readAsClient(sid, PROVIDER.userId(), 1));

        assertEquals(1, unread(PROVIDER));
        assertEquals(1, fixtures.queryLong("SELECT last_read_message_index FROM conversation_participants"
                + " WHERE user_id = 'provider-789'"));
        assertNotNull(Lambda.get(PROVIDER, "/conversations").json().getString("conversations[0].lastReadAt"));
        assertEquals(0, unread(CUSTOMER));
    }

    @Test
    void aReadHorizonOlderThanTheRecordedOneChangesNothing() {
        twilio.postAsClient(sid, CUSTOMER.userId(), "one");
        twilio.postAsClient(sid, CUSTOMER.userId(), "two");
        twilio.readAsClient(sid, PROVIDER.userId(), 1);
        String readAt = readAt(PROVIDER);

        assertEquals(200, twilio.readAsClient(sid, PROVIDER.userId(), 0));

        assertEquals(0, unread(PROVIDER));
        assertEquals(1, fixtures.queryLong("SELECT last_read_message_index FROM conversation_participants"
                + " WHERE user_id = 'provider-789'"));
        assertEquals(readAt, readAt(PROVIDER));
    }

    @Test
    void aReadHorizonThatArrivesBeforeItsMessageLeavesTheMessageRead() {
        Map<String, String> read = event("onParticipantUpdated");
        read.put("Identity", PROVIDER.userId());
        read.put("LastReadMessageIndex", "0");
        assertEquals(200, signedPost(read).status());

        assertEquals(200, signedPost(messageAdded("IM" + "1".repeat(32), 0)).status());

        assertEquals(0, unread(PROVIDER));
        assertNotNull(lastMessageAt());
    }

    @Test
    void forgedOrMisaddressedEventsAre403AndChangeNothing() {
        Map<String, String> event = messageAdded("IM" + "2".repeat(32), 0);
        String genuine = twilio.signature(publicBaseUrl + WEBHOOK, event);
        Map<String, String> tampered = new LinkedHashMap<>(event);
        tampered.put("Body", "Pay here instead");

        assertForbidden(Lambda.postForm(WEBHOOK, event, Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")));
        assertForbidden(Lambda.postForm(WEBHOOK, event, Map.of()));
        assertForbidden(Lambda.postForm(WEBHOOK, event, Map.of("X-Twilio-Signature",
                twilio.signature("https://elsewhere.example" + WEBHOOK, event))));
        assertForbidden(Lambda.postForm(WEBHOOK + "?retry=1", event, Map.of("X-Twilio-Signature", genuine)));
        assertForbidden(Lambda.postForm(WEBHOOK, tampered, Map.of("X-Twilio-Signature", genuine)));
        assertEquals("1/2/0", fixtures.rowCounts());
        assertNull(lastMessageAt());

        assertEquals(200, Lambda.postForm(WEBHOOK, event, Map.of("X-Twilio-Signature", genuine)).status(),
                "the same event, genuinely signed, is accepted");
        assertEquals(1, unread(PROVIDER));
    }

    @Test
    void unknownConversationsParticipantsAndEventTypesAreAcknowledgedAndIgnored() {
        Map<String, String> elsewhere = messageAdded("IM" + "3".repeat(32), 0);
        elsewhere.put("ConversationSid", "CH" + "0".repeat(32));
        Map<String, String> stranger = event("onParticipantUpdated");
        stranger.put("Identity", "stranger-000");
        stranger.put("LastReadMessageIndex", "4");
        Map<String, String> smsParticipant = event("onParticipantUpdated");
        smsParticipant.put("LastReadMessageIndex", "4");
        Map<String, String> renamed = event("onConversationUpdated");
        renamed.put("FriendlyName", "Booking 123 (moved)");

        for (Map<String, String> ignored : List.of(elsewhere, stranger, smsParticipant, renamed)) {
            Reply reply = signedPost(ignored);
            assertEquals(200, reply.status(), reply.body());
        }

        assertEquals("1/2/0", fixtures.rowCounts());
        assertNull(lastMessageAt());
        assertEquals(0, fixtures.count("conversation_participants WHERE last_read_at IS NOT NULL"));
    }

    @Test
    void aSignedEventMissingItsMessageFieldsIsAProblemAndChangesNothing() {
        Map<String, String> event = messageAdded("IM" + "4".repeat(32), 0);
        event.put("Index", "first");

        Reply reply = signedPost(event);

        assertEquals(400, reply.status(), reply.body());
        assertEquals("VALIDATION_FAILED", reply.code());
        assertEquals("1/2/0", fixtures.rowCounts());
    }

    private Map<String, String> event(String type) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("EventType", type);
        event.put("AccountSid", "AC" + "0".repeat(32));
        event.put("ConversationSid", sid);
        event.put("Source", "SDK");
        event.put("RetryCount", "0");
        return event;
    }

    private Map<String, String> messageAdded(String messageSid, int index) {
        Map<String, String> event = event("onMessageAdded");
        event.put("MessageSid", messageSid);
        event.put("Index", Integer.toString(index));
        event.put("Author", CUSTOMER.userId());
        event.put("Body", "Hello");
        event.put("Attributes", "{}");
        event.put("DateCreated", "2026-11-01T10:15:30.000Z");
        return event;
    }

    private Reply signedPost(Map<String, String> event) {
        return Lambda.postForm(WEBHOOK, event,
                Map.of("X-Twilio-Signature", twilio.signature(publicBaseUrl + WEBHOOK, event)));
    }

    private static void assertForbidden(Reply reply) {
        assertEquals(403, reply.status(), reply.body());
        assertEquals("INVALID_SIGNATURE", reply.code());
        assertEquals("application/problem+json", reply.header("Content-Type"));
    }

    private static int unread(As caller) {
        return Lambda.get(caller, "/conversations").json().getInt("totalUnread");
    }

    private String lastMessageAt() {
        return fixtures.queryString("SELECT last_message_at FROM conversation_metadata");
    }

    private String readAt(As caller) {
        return fixtures.queryString("SELECT last_read_at FROM conversation_participants WHERE user_id = '"
                + caller.userId() + "'");
    }

    private static Instant instant(String text) {
        return Instant.parse(text);
    }
}
