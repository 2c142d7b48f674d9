package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/** The apps' teams' complete flow, customer and provider, through API Gateway events with JWT claims. */
@QuarkusTest
class SeedFlowTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @BeforeEach
    void cleanSlate() {
        fixtures.reset();
    }

    @Test
    void customerAndProviderTalkAboutOneBookingInOneConversation() {
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-123/conversations", Fixtures.SEED_CREATE);
        assertEquals(201, created.status(), created.body());
        String sid = created.json().getString("conversationSid");
        assertTrue(sid.matches("CH[0-9a-f]{32}"), sid);
        assertEquals(true, created.json().getBoolean("created"));
        assertEquals("booking-123", created.json().getString("bookingId"));
        assertEquals("booking_chat", created.json().getString("type"));
        assertEquals("Plumbing", created.json().getString("booking.service"));
        assertEquals(List.of("customer-456", "provider-789"), created.json().getList("participants.userId"));
        assertEquals(List.of("John Doe", "Jane Smith"), created.json().getList("participants.userName"));

        Reply sent = Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages",
                "{\"body\":\"When will you arrive?\",\"bookingId\":\"booking-123\"}");
        assertEquals(201, sent.status(), sent.body());
        assertEquals(0, sent.json().getInt("index"));
        assertEquals("customer-456", sent.json().getString("author"));
        assertEquals("customer", sent.json().getString("userType"));
        assertTrue(sent.json().getString("messageSid").startsWith("IM"));

        Reply inbox = Lambda.get(PROVIDER, "/conversations");
        assertEquals(200, inbox.status(), inbox.body());
        assertEquals(1, inbox.json().getList("conversations").size());
        Map<String, Object> entry = inbox.json().getMap("conversations[0]");
        assertEquals(sid, entry.get("conversationSid"));
        assertEquals("booking-123", entry.get("bookingId"));
        assertEquals("Plumbing", inbox.json().getString("conversations[0].booking.service"));
        assertEquals(sent.json().getString("createdAt"), normalise(inbox.json().getString("conversations[0].lastMessageAt")));
        assertEquals(1, inbox.json().getInt("conversations[0].unreadCount"));
        assertNull(entry.get("lastReadAt"));
        assertEquals(1, inbox.json().getInt("totalUnread"));
        assertNull(inbox.json().get("nextCursor"));

        Reply providerHistory = Lambda.get(PROVIDER, "/conversations/" + sid + "/messages");
        assertEquals(200, providerHistory.status(), providerHistory.body());
        assertEquals(List.of("When will you arrive?"), providerHistory.json().getList("messages.body"));
        assertEquals("customer", providerHistory.json().getString("messages[0].userType"));

        Reply reply = Lambda.post(PROVIDER, "/conversations/" + sid + "/messages",
                "{\"body\":\"I'll be there at 2 PM\",\"bookingId\":\"booking-123\"}");
        assertEquals(201, reply.status(), reply.body());
        assertEquals(1, reply.json().getInt("index"));

        Reply customerHistory = Lambda.get(CUSTOMER, "/conversations/" + sid + "/messages");
        assertEquals(List.of("When will you arrive?", "I'll be there at 2 PM"),
                customerHistory.json().getList("messages.body"));
        assertEquals(List.of("customer-456", "provider-789"), customerHistory.json().getList("messages.author"));
        assertNull(customerHistory.json().get("nextPageToken"));

        Reply read = Lambda.post(PROVIDER, "/conversations/" + sid + "/read", null);
        assertEquals(200, read.status(), read.body());
        assertEquals(0, read.json().getInt("unreadCount"));
        assertNotNull(read.json().getString("lastReadAt"));

        Reply providerInbox = Lambda.get(PROVIDER, "/conversations");
        assertEquals(0, providerInbox.json().getInt("conversations[0].unreadCount"));
        assertEquals(0, providerInbox.json().getInt("totalUnread"));
        assertNotNull(providerInbox.json().getString("conversations[0].lastReadAt"));
        assertEquals(1, fixtures.count("conversation_participants WHERE user_id = 'provider-789' AND last_read_at IS NOT NULL"));
        assertEquals(1, emulator.lastReadMessageIndex(sid, "provider-789").getAsInt());

        Reply customerInbox = Lambda.get(CUSTOMER, "/conversations");
        assertEquals(1, customerInbox.json().getInt("conversations[0].unreadCount"));
        assertEquals(1, customerInbox.json().getInt("totalUnread"));
    }

    /** The inbox's timestamps come from PostgreSQL JSON or columns; compare them as instants. */
    private static String normalise(String instant) {
        return java.time.Instant.parse(instant).toString();
    }
}
