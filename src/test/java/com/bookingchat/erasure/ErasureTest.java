package com.bookingchat.erasure;

import static com.bookingchat.Lambda.BOOKING_SYSTEM;
import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static com.bookingchat.Lambda.SUPPORT_TOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.persistence.UserType;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Erasing a person: nothing of them is left in PostgreSQL or in Twilio, the other party's thread stays whole
 * and in order, an interrupted erasure is finished by a retry, and a repeat changes nothing.
 */
@QuarkusTest
class ErasureTest {

    private static final String ERASE_CUSTOMER = "/users/customer/customer-456";
    /** What identifies the customer: user id, name, phone, and the texts of the customer's messages. */
    private static final List<String> TRACES = List.of("customer-456", "John Doe", "+14155550100", "john.doe@example.com",
            "Is 9am fine", "Customer secret", "Also my gate code");

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Inject
    SubjectDigests digests;

    private String sid;
    private String otherSid;

    @BeforeEach
    void theCustomerTalkedInTwoBookings() {
        fixtures.reset();
        sid = create("booking-123", "provider-789", "Jane Smith");
        otherSid = create("booking-124", "provider-790", "Bob Builder");
        send(CUSTOMER, sid, "Is 9am fine?", null);
        send(PROVIDER, sid, "Yes, 9am works", null);
        send(CUSTOMER, sid, "Customer secret: the key is under the mat", "key-1");
        send(PROVIDER, sid, "Noted", null);
        send(CUSTOMER, sid, "Also my gate code is 1234", null);
        send(CUSTOMER, otherSid, "Is 9am fine for you too?", null);
        Lambda.post(CUSTOMER, "/conversations/" + sid + "/read", null);
        assertEquals(200, Lambda.send(CUSTOMER, "PUT", "/me/notification-preferences",
                "{\"push\":true,\"sms\":true,\"email\":true,\"timeZone\":\"Europe/Paris\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}",
                Map.of()).status());
    }

    @Test
    void theCustomerLeavesNoTraceWhileTheProvidersThreadStaysWholeAndInOrder() {
        Reply erased = erase(BOOKING_SYSTEM, ERASE_CUSTOMER);

        assertEquals(200, erased.status(), erased.body());
        assertEquals(digests.of(UserType.CUSTOMER, "customer-456"), erased.json().getString("subjectDigest"));
        assertNotNull(erased.json().getString("completedAt"));
        assertEquals(2, erased.json().getInt("removed.conversationsLeft"));
        assertEquals(4, erased.json().getInt("removed.messagesReplaced"));
        assertEquals(2, erased.json().getInt("removed.notificationsDeleted"), "the provider's two messages to the customer");
        assertEquals(4, erased.json().getInt("removed.notificationAuthorsReplaced"));
        assertEquals(1, erased.json().getInt("removed.idempotencyKeysDeleted"));
        assertEquals(2, erased.json().getInt("removed.conversationCreatorsReplaced"));
        assertEquals(1, erased.json().getInt("removed.preferencesDeleted"), "the e-mail and quiet-hours settings");

        assertEquals(List.of(), tracesInPostgres());
        assertEquals(List.of(), tracesInTwilio(sid));
        assertEquals(List.of(), tracesInTwilio(otherSid));
        assertEquals(List.of("provider-789"), emulator.participantIdentities(sid));

        List<Map<String, Object>> thread = providersThread(2);
        assertEquals(List.of(0, 1, 2, 3, 4), thread.stream().map(m -> m.get("index")).toList());
        assertEquals(List.of("This message was deleted.", "Yes, 9am works", "This message was deleted.", "Noted",
                "This message was deleted."), thread.stream().map(m -> m.get("body")).toList());
        assertEquals(List.of("erased-user", "provider-789", "erased-user", "provider-789", "erased-user"),
                thread.stream().map(m -> m.get("author")).toList());

        Reply inbox = Lambda.get(PROVIDER, "/conversations");
        assertEquals(200, inbox.status(), inbox.body());
        assertEquals(List.of("provider-789"), inbox.json().getList("conversations[0].participants.userId"));
        assertEquals(3, inbox.json().getInt("totalUnread"), "the provider's unread messages stay unread");
        assertNull(fixtures.inboxCopiesOutOfStep());
        assertEquals(201, send(PROVIDER, sid, "Anyone there?", null).status(), "the provider can still write");
    }

    @Test
    void anErasureInterruptedByTwilioIsFinishedByARetry() {
        // the first conversation's messages are replaced, then Twilio fails to remove the participant
        emulator.failNext("DELETE", "/Participants/", 503, 20503, 1, Duration.ofSeconds(5));

        Reply interrupted = erase(BOOKING_SYSTEM, ERASE_CUSTOMER);

        assertEquals(503, interrupted.status(), interrupted.body());
        assertEquals("TWILIO_UNAVAILABLE", interrupted.code());
        assertNotNull(interrupted.header("Retry-After"));
        assertEquals(1, fixtures.count("erasures WHERE completed_at IS NULL"));
        assertEquals(2, fixtures.count("conversation_participants WHERE user_id = 'customer-456'"), "halfway: still in both");
        assertFalse(tracesInTwilio(sid).stream().anyMatch(trace -> trace.contains("secret")), "its messages were replaced");

        Reply resumed = erase(BOOKING_SYSTEM, ERASE_CUSTOMER);

        assertEquals(200, resumed.status(), resumed.body());
        assertEquals(2, resumed.json().getInt("removed.conversationsLeft"));
        assertEquals(4, resumed.json().getInt("removed.messagesReplaced"), "counted once, across both attempts");
        assertEquals(List.of(), tracesInPostgres());
        assertEquals(List.of(), tracesInTwilio(sid));
        assertEquals(List.of(), tracesInTwilio(otherSid));
        assertEquals(5, providersThread(3).size());
    }

    @Test
    void anErasureThatRunsOutOfTimeAnswersInTimeAndTheNextCallGoesOn() {
        // the invocation has less time left than the margin one conversation's work needs
        Reply stopped = Lambda.handle(Lambda.event(BOOKING_SYSTEM, "DELETE", ERASE_CUSTOMER, null, Map.of()).toString(),
                Duration.ofSeconds(5));

        assertEquals(503, stopped.status(), stopped.body());
        assertEquals("ERASURE_INCOMPLETE", stopped.code());
        assertEquals("1", stopped.header("Retry-After"));
        assertEquals(2, fixtures.count("conversation_participants WHERE user_id = 'customer-456'"));

        Reply resumed = erase(BOOKING_SYSTEM, ERASE_CUSTOMER);

        assertEquals(200, resumed.status(), "the stopped call released its lease: " + resumed.body());
        assertEquals(2, resumed.json().getInt("removed.conversationsLeft"));
        assertEquals(List.of(), tracesInPostgres());
    }

    @Test
    void aRepeatedErasureAnswersTheSameRecordAndChangesNothing() {
        Reply first = erase(BOOKING_SYSTEM, ERASE_CUSTOMER);
        String rows = fixtures.rowCounts();
        int twilioWrites = twilioWrites();

        Reply again = erase(BOOKING_SYSTEM, ERASE_CUSTOMER);

        assertEquals(200, again.status(), again.body());
        assertEquals(first.body(), again.body());
        assertEquals(rows, fixtures.rowCounts());
        assertEquals(twilioWrites, twilioWrites());
        assertEquals(1, fixtures.count("erasures"));
    }

    @Test
    void anErasureOfSomeoneUnknownIsRecordedWithNothingRemoved() {
        String rows = fixtures.rowCounts();

        Reply erased = erase(BOOKING_SYSTEM, "/users/provider/nobody-known");

        assertEquals(200, erased.status(), erased.body());
        assertEquals(0, erased.json().getInt("removed.conversationsLeft"));
        assertEquals(rows, fixtures.rowCounts());
    }

    @Test
    void theRecordKeptIsOnlyTheDigestWhenAndHowMuch() {
        erase(BOOKING_SYSTEM, ERASE_CUSTOMER);

        assertEquals("subject_digest,requested_at,completed_at,claimed_until,removed", fixtures.queryString("""
                SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = 'erasures'"""));
        String digest = fixtures.queryString("SELECT subject_digest FROM erasures");
        assertTrue(digest.matches("[0-9a-f]{64}"), digest);
        assertNotEquals(digest, digests.of(UserType.PROVIDER, "customer-456"), "the user type is part of the digest");
    }

    @Test
    void anErasureInProgressIsNotStartedTwice() {
        String digest = digests.of(UserType.CUSTOMER, "customer-456");
        fixtures.execute("INSERT INTO erasures (subject_digest, requested_at, claimed_until) VALUES ('" + digest
                + "', now(), now() + interval '30 seconds')");

        Reply busy = erase(BOOKING_SYSTEM, ERASE_CUSTOMER);

        assertEquals(409, busy.status(), busy.body());
        assertEquals("ERASURE_IN_PROGRESS", busy.code());
        assertNotNull(busy.header("Retry-After"));
        assertEquals(2, fixtures.count("conversation_participants WHERE user_id = 'customer-456'"));
    }

    @Test
    void anAppUserOrASystemWithoutTheBookingsScopeIsRefusedAndNothingChanges() {
        String rows = fixtures.rowCounts();
        int twilioWrites = twilioWrites();
        for (As caller : new As[] { CUSTOMER, PROVIDER, SUPPORT_TOOL, As.system("no-scopes", null),
                new As("customer-456", "customer", "customer-app", "booking-chat/bookings.write") }) {
            Reply refused = erase(caller, ERASE_CUSTOMER);
            assertEquals(403, refused.status(), caller + " answered " + refused.body());
            assertEquals("FORBIDDEN", refused.code());
        }
        assertEquals(rows, fixtures.rowCounts());
        assertEquals(twilioWrites, twilioWrites());
        assertEquals(0, fixtures.count("erasures"));
    }

    @Test
    void anUnknownUserTypeIsRefused() {
        Reply refused = erase(BOOKING_SYSTEM, "/users/admin/customer-456");

        assertEquals(400, refused.status(), refused.body());
        assertEquals("VALIDATION_FAILED", refused.code());
        assertEquals(0, fixtures.count("erasures"));
    }

    /** Every row of every table of the schema, as text, that names something of the customer. */
    private List<String> tracesInPostgres() {
        List<String> found = new ArrayList<>();
        String tables = fixtures.queryString("""
                SELECT string_agg(table_name, ',') FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'""");
        for (String table : tables.split(",")) {
            for (String trace : TRACES) {
                long rows = fixtures.count(table + " t WHERE CAST(t AS text) LIKE '%" + trace + "%'");
                if (rows > 0) {
                    found.add(table + ": " + rows + " rows with " + trace);
                }
            }
        }
        return found;
    }

    private List<String> tracesInTwilio(String conversationSid) {
        List<String> found = new ArrayList<>();
        String everything = emulator.messages(conversationSid) + " " + emulator.participants(conversationSid);
        for (String trace : TRACES) {
            if (everything.contains(trace)) {
                found.add(trace);
            }
        }
        for (var message : emulator.messages(conversationSid)) {
            if (message.get("body").contains("secret") || message.get("body").contains("gate code")) {
                found.add("secret: " + message);
            }
        }
        return found;
    }

    /** The provider's whole history of the booking conversation, read page by page. */
    private List<Map<String, Object>> providersThread(int pageSize) {
        List<Map<String, Object>> messages = new ArrayList<>();
        String path = "/conversations/" + sid + "/messages?limit=" + pageSize;
        Reply page = Lambda.get(PROVIDER, path);
        while (true) {
            assertEquals(200, page.status(), page.body());
            messages.addAll(page.json().getList("messages"));
            String next = page.json().getString("nextPageToken");
            if (next == null) {
                return messages;
            }
            page = Lambda.get(PROVIDER, path + "&pageToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
    }

    private int twilioWrites() {
        return emulator.requestCount("POST", ".*") + emulator.requestCount("DELETE", ".*");
    }

    private static String create(String bookingId, String providerId, String providerName) {
        Reply created = Lambda.post(CUSTOMER, "/bookings/" + bookingId + "/conversations", """
                { "participants": [
                    { "userId": "customer-456", "userType": "customer", "userName": "John Doe", "phone": "+14155550100",
                      "email": "john.doe@example.com" },
                    { "userId": "%s", "userType": "provider", "userName": "%s" } ] }""".formatted(providerId, providerName));
        assertEquals(201, created.status(), created.body());
        return created.json().getString("conversationSid");
    }

    private static Reply send(As caller, String conversationSid, String body, String idempotencyKey) {
        Reply sent = Lambda.send(caller, "POST", "/conversations/" + conversationSid + "/messages",
                "{\"body\":\"" + body + "\"}", idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
        assertEquals(201, sent.status(), sent.body());
        return sent;
    }

    private static Reply erase(As caller, String path) {
        return Lambda.send(caller, "DELETE", path, null, Map.of());
    }
}
