package com.bookingchat.support;

import static com.bookingchat.Lambda.BOOKING_SYSTEM;
import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static com.bookingchat.Lambda.SUPPORT_TOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/** Support's reads of a booking's conversation: on record, with a reason, and invisible to the participants. */
@QuarkusTest
class SupportAccessTest {

    private static final String REASON = "Dispute D-42: the customer says the provider never came";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    private String sid;

    @BeforeEach
    void aConversationWithHistory() {
        sid = fixtures.resetWithSeedConversationAndMessage();
        Lambda.post(PROVIDER, "/conversations/" + sid + "/messages", "{\"body\":\"I'll be there at 2 PM\"}");
        Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"Thanks\"}");
        Lambda.post(PROVIDER, "/conversations/" + sid + "/read", null);
    }

    @Test
    void supportFindsTheBookingsConversationWithItsParticipantsAndTheReadIsOnRecord() {
        long before = audited();

        Reply found = Lambda.get(SUPPORT_TOOL, "/support/bookings/booking-123/conversations?reason=" + encode(REASON));

        assertEquals(200, found.status(), found.body());
        assertEquals(List.of(sid), found.json().getList("conversations.conversationSid"));
        assertEquals(List.of("customer-456", "provider-789"), found.json().getList("conversations[0].participants.userId"));
        assertEquals(List.of("John Doe", "Jane Smith"), found.json().getList("conversations[0].participants.userName"));
        assertEquals("Plumbing", found.json().getString("conversations[0].booking.service"));
        assertEquals(before + 1, audited());
        assertEquals("support-tool|find_booking_conversations|booking-123||" + REASON, fixtures.queryString("""
                SELECT concat_ws('|', client_id, action, booking_id, coalesce(conversation_sid, ''), reason)
                  FROM support_access_log ORDER BY id DESC LIMIT 1"""));
    }

    @Test
    void aBookingWithoutAConversationIsAnEmptyAnswerAndTheSearchIsStillOnRecord() {
        long before = audited();

        Reply found = Lambda.get(SUPPORT_TOOL, "/support/bookings/booking-none/conversations?reason=" + encode(REASON));

        assertEquals(200, found.status(), found.body());
        assertEquals(List.of(), found.json().getList("conversations"));
        assertEquals(before + 1, audited());
    }

    @Test
    void supportPagesThroughTheHistoryAndEveryPageIsOnRecord() {
        long before = audited();
        List<String> bodies = new ArrayList<>();
        String path = "/support/conversations/" + sid + "/messages?limit=2&reason=" + encode(REASON);
        Reply page = Lambda.get(SUPPORT_TOOL, path);
        int pages = 1;
        while (true) {
            assertEquals(200, page.status(), page.body());
            bodies.addAll(page.json().getList("messages.body"));
            String next = page.json().getString("nextPageToken");
            if (next == null) {
                break;
            }
            page = Lambda.get(SUPPORT_TOOL, path + "&pageToken=" + encode(next));
            pages++;
        }

        assertEquals(List.of("hello", "I'll be there at 2 PM", "Thanks"), bodies);
        assertEquals(2, pages);
        assertEquals(before + pages, audited());
        assertEquals("support-tool|read_messages|booking-123|" + sid, fixtures.queryString("""
                SELECT concat_ws('|', client_id, action, booking_id, conversation_sid)
                  FROM support_access_log ORDER BY id DESC LIMIT 1"""));
    }

    @Test
    void supportNeverShowsInAnInboxAParticipantListOrAReadReceipt() {
        String customerInbox = Lambda.get(CUSTOMER, "/conversations").body();
        String providerInbox = Lambda.get(PROVIDER, "/conversations").body();
        String customerHistory = Lambda.get(CUSTOMER, "/conversations/" + sid + "/messages").body();
        String participants = fixtures.queryString(
                "SELECT string_agg(CAST(p AS text), ';' ORDER BY id) FROM conversation_participants p");
        String twilioParticipants = emulator.participants(sid).toString();
        int twilioWrites = emulator.requestCount("POST", ".*") + emulator.requestCount("DELETE", ".*");

        Lambda.get(SUPPORT_TOOL, "/support/bookings/booking-123/conversations?reason=" + encode(REASON));
        Lambda.get(SUPPORT_TOOL, "/support/conversations/" + sid + "/messages?reason=" + encode(REASON));

        assertEquals(customerInbox, Lambda.get(CUSTOMER, "/conversations").body());
        assertEquals(providerInbox, Lambda.get(PROVIDER, "/conversations").body());
        assertEquals(customerHistory, Lambda.get(CUSTOMER, "/conversations/" + sid + "/messages").body());
        assertEquals(participants, fixtures.queryString(
                "SELECT string_agg(CAST(p AS text), ';' ORDER BY id) FROM conversation_participants p"));
        assertEquals(twilioParticipants, emulator.participants(sid).toString());
        assertEquals(twilioWrites, emulator.requestCount("POST", ".*") + emulator.requestCount("DELETE", ".*"),
                "support reads write nothing to Twilio: no participant, no read horizon");
        assertEquals(0, Lambda.get(PROVIDER, "/conversations").json().getInt("totalUnread"));
    }

    @Test
    void aMissingBlankOrOverlongReasonIsRefusedAndNothingIsReadOrRecorded() {
        long before = audited();
        int twilioReads = emulator.requestCount("GET", "/Messages");
        for (String query : List.of("", "?reason=", "?reason=%20%20%20", "?reason=" + "x".repeat(501),
                "?reason=nul%00byte")) {
            for (String path : List.of("/support/bookings/booking-123/conversations",
                    "/support/conversations/" + sid + "/messages")) {
                Reply refused = Lambda.get(SUPPORT_TOOL, path + query);
                assertEquals(400, refused.status(), path + query + " answered " + refused.body());
                assertEquals("VALIDATION_FAILED", refused.code());
            }
        }
        assertEquals(before, audited());
        assertEquals(twilioReads, emulator.requestCount("GET", "/Messages"));
    }

    @Test
    void anAppUserOrASystemWithoutTheSupportScopeIsRefusedOnEverySupportRoute() {
        long before = audited();
        for (As caller : new As[] { CUSTOMER, PROVIDER, BOOKING_SYSTEM, As.system("no-scopes", null),
                new As("customer-456", "customer", "customer-app", "booking-chat/support.read") }) {
            for (String path : List.of("/support/bookings/booking-123/conversations?reason=" + encode(REASON),
                    "/support/conversations/" + sid + "/messages?reason=" + encode(REASON),
                    "/support/bookings/booking-123/conversations")) {
                Reply refused = Lambda.get(caller, path);
                assertEquals(403, refused.status(), caller + " " + path + " answered " + refused.body());
                assertEquals("FORBIDDEN", refused.code());
            }
        }
        assertEquals(before, audited());
    }

    @Test
    void anUnknownConversationIsNotFound() {
        Reply missing = Lambda.get(SUPPORT_TOOL, "/support/conversations/CH" + "0".repeat(32) + "/messages?reason=x");

        assertEquals(404, missing.status(), missing.body());
        assertEquals("CONVERSATION_NOT_FOUND", missing.code());
    }

    @Test
    void theAuditLogCannotBeChangedOrEmptied() {
        Lambda.get(SUPPORT_TOOL, "/support/bookings/booking-123/conversations?reason=" + encode(REASON));
        String log = fixtures.queryString("SELECT string_agg(CAST(l AS text), ';' ORDER BY id) FROM support_access_log l");

        for (String change : List.of("UPDATE support_access_log SET reason = 'nothing to see'",
                "DELETE FROM support_access_log", "TRUNCATE support_access_log")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> fixtures.execute(change));
            assertTrue(String.valueOf(refused.getCause().getMessage()).contains("append-only"), change + ": " + refused.getCause());
        }
        assertEquals(log, fixtures.queryString("SELECT string_agg(CAST(l AS text), ';' ORDER BY id) FROM support_access_log l"));
        assertNull(fixtures.queryString("SELECT 1 FROM pg_trigger WHERE tgname LIKE 'tr_support_access_log%' AND tgenabled = 'D'"),
                "no guard is disabled");
    }

    private long audited() {
        return fixtures.count("support_access_log");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
