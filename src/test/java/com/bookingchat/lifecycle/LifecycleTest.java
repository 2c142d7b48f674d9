package com.bookingchat.lifecycle;

import static com.bookingchat.Lambda.BOOKING_SYSTEM;
import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static com.bookingchat.Lambda.SUPPORT_TOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The conversation follows the booking, under the deployed settings (a 14-day grace after completion): the
 * booking system's status updates close it here and in Twilio, in any arrival order, and the scheduled run
 * closes what falls due later and what Twilio could not close at once.
 */
@QuarkusTest
class LifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final String SEND = "{\"body\":\"are you still coming?\"}";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    private String sid;

    @BeforeEach
    void oneConversationWithAMessage() {
        sid = fixtures.resetWithSeedConversationAndMessage();
    }

    @Test
    void aCancelledBookingsConversationClosesAtOnceHereAndInTwilioAndKeepsItsHistoryAndInboxEntry() {
        Reply reply = status(BOOKING_SYSTEM, "booking-123", "cancelled", T0.plus(Duration.ofDays(7)), T0);

        assertEquals(200, reply.status(), reply.body());
        assertEquals("cancelled", reply.json().getString("status"));
        assertTrue(reply.json().getBoolean("applied"));
        assertEquals(T0.toString(), reply.json().getString("closesAt"));
        assertEquals(sid, reply.json().getString("conversations[0].conversationSid"));
        assertEquals("closed", reply.json().getString("conversations[0].state"));
        assertEquals("closed", emulator.state(sid));

        assertClosedToSends(sid);
        Reply history = Lambda.get(PROVIDER, "/conversations/" + sid + "/messages");
        assertEquals(200, history.status(), history.body());
        assertEquals("hello", history.json().getString("messages[0].body"));
        Reply inbox = Lambda.get(PROVIDER, "/conversations");
        assertEquals(sid, inbox.json().getString("conversations[0].conversationSid"));
        assertEquals("closed", inbox.json().getString("conversations[0].state"));
    }

    @Test
    void aCompletedBookingsConversationStaysOpenThroughTheGracePeriodAndTheScheduledRunClosesItAfter() {
        Instant ended = Instant.now().minus(Duration.ofDays(13)).truncatedTo(ChronoUnit.SECONDS);

        Reply reply = status(BOOKING_SYSTEM, "booking-123", "completed", ended, ended.plusSeconds(60));

        assertEquals("active", reply.json().getString("conversations[0].state"));
        assertEquals(ended.plus(Duration.ofDays(14)).toString(), reply.json().getString("closesAt"));
        assertEquals(0, runSchedule().json().getInt("conversationsClosed"));
        assertEquals(201, Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", SEND).status());

        // two days later, the booking ended more than 14 days ago
        fixtures.execute("UPDATE booking_lifecycle SET ends_at = ends_at - interval '2 days'");
        Reply run = runSchedule();

        assertEquals(200, run.status(), run.body());
        assertEquals(1, run.json().getInt("conversationsClosed"));
        assertEquals(1, run.json().getInt("closedInTwilio"));
        assertEquals("closed", emulator.state(sid));
        assertClosedToSends(sid);
        assertEquals(0, runSchedule().json().getInt("conversationsClosed"), "a closed conversation closes once");
    }

    @Test
    void aCompletedBookingThatEndedLongerAgoThanTheGraceClosesAtOnce() {
        Instant ended = Instant.now().minus(Duration.ofDays(15));

        Reply reply = status(BOOKING_SYSTEM, "booking-123", "completed", ended, Instant.now());

        assertEquals("closed", reply.json().getString("conversations[0].state"));
        assertEquals("closed", emulator.state(sid));
    }

    @Test
    void anOlderUpdateChangesNothingAndAClosedConversationNeverReopens() {
        status(BOOKING_SYSTEM, "booking-123", "confirmed", T0.plus(Duration.ofDays(7)), T0);
        status(BOOKING_SYSTEM, "booking-123", "cancelled", T0.plus(Duration.ofDays(7)), T0.plusSeconds(60));

        Reply late = status(BOOKING_SYSTEM, "booking-123", "confirmed", T0.plus(Duration.ofDays(7)), T0.plusSeconds(30));

        assertEquals(200, late.status(), late.body());
        assertFalse(late.json().getBoolean("applied"));
        assertEquals("cancelled", late.json().getString("status"));
        assertEquals(T0.plusSeconds(60).toString(), late.json().getString("occurredAt"));
        assertEquals("closed", late.json().getString("conversations[0].state"));

        // a newer status is recorded, but the conversation stays closed: closing is final, as in Twilio
        Reply rebooked = status(BOOKING_SYSTEM, "booking-123", "confirmed", T0.plus(Duration.ofDays(8)), T0.plusSeconds(90));
        assertTrue(rebooked.json().getBoolean("applied"));
        assertEquals("confirmed", rebooked.json().getString("status"));
        assertEquals("closed", rebooked.json().getString("conversations[0].state"));
        assertNull(rebooked.json().get("closesAt"));
        assertClosedToSends(sid);
        assertEquals("closed", emulator.state(sid));
    }

    @Test
    void aRepeatIsIdempotentAndUpdatesAtTheSameInstantEndTheSameWhicheverArrivesFirst() {
        Reply first = status(BOOKING_SYSTEM, "booking-123", "confirmed", T0.plus(Duration.ofDays(7)), T0);
        Reply repeat = status(BOOKING_SYSTEM, "booking-123", "confirmed", T0.plus(Duration.ofDays(7)), T0);

        assertTrue(first.json().getBoolean("applied"));
        assertFalse(repeat.json().getBoolean("applied"));
        assertEquals(first.body().replace("\"applied\":true", "\"applied\":false"), repeat.body());

        status(BOOKING_SYSTEM, "booking-a", "confirmed", T0, T0);
        status(BOOKING_SYSTEM, "booking-a", "cancelled", T0, T0);
        status(BOOKING_SYSTEM, "booking-b", "cancelled", T0, T0);
        status(BOOKING_SYSTEM, "booking-b", "confirmed", T0, T0);
        assertEquals("cancelled", fixtures.queryString("SELECT status FROM booking_lifecycle WHERE booking_id = 'booking-a'"));
        assertEquals("cancelled", fixtures.queryString("SELECT status FROM booking_lifecycle WHERE booking_id = 'booking-b'"));
    }

    @Test
    void aConversationOpenedForABookingAlreadyCancelledIsBornClosedAndTheScheduledRunClosesItInTwilio() {
        status(BOOKING_SYSTEM, "booking-9", "cancelled", T0, T0);

        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-9/conversations", Fixtures.SEED_CREATE);

        assertEquals(201, created.status(), created.body());
        assertEquals("closed", created.json().getString("state"));
        String late = created.json().getString("conversationSid");
        assertClosedToSends(late);
        assertEquals(1, runSchedule().json().getInt("closedInTwilio"));
        assertEquals("closed", emulator.state(late));
    }

    @Test
    void whenTwilioCannotCloseTheConversationItIsClosedHereAtOnceAndTheScheduledRunClosesItInTwilio() {
        emulator.failNext("POST", "^/v1/Conversations/CH[0-9a-f]{32}$", 429, 20429, 1, Duration.ofSeconds(60));

        Reply reply = status(BOOKING_SYSTEM, "booking-123", "cancelled", T0, T0);

        assertEquals(200, reply.status(), reply.body());
        assertEquals("closed", reply.json().getString("conversations[0].state"));
        assertEquals("active", emulator.state(sid));
        assertClosedToSends(sid);

        Reply run = runSchedule();
        assertEquals(0, run.json().getInt("conversationsClosed"));
        assertEquals(1, run.json().getInt("closedInTwilio"));
        assertEquals("closed", emulator.state(sid));
    }

    @Test
    void anAppUserOrASystemCallerWithoutTheBookingScopeIsRefused403BeforeItsBodyIsReadAndNothingChanges() {
        for (As caller : new As[] { CUSTOMER, PROVIDER, SUPPORT_TOOL, As.system("booking-system", "openid"),
                new As("customer-456", "customer", "customer-app", "booking-chat/bookings.write") }) {
            for (String body : new String[] { body("cancelled", T0, T0), "{}", null }) {
                Reply reply = Lambda.send(caller, "PUT", "/bookings/booking-123/status", body, Map.of());
                assertEquals(403, reply.status(), caller + " " + reply.body());
                assertEquals("FORBIDDEN", reply.code());
                assertEquals("The caller may not use this route", reply.json().getString("detail"));
            }
        }
        assertEquals(0, fixtures.count("booking_lifecycle"));
        assertEquals("active", emulator.state(sid));
        assertEquals(401, Lambda.send(Lambda.ANONYMOUS, "PUT", "/bookings/booking-123/status", body("cancelled", T0, T0),
                Map.of()).status());
    }

    @Test
    void anUpdateThatIsNotValidIsRefusedAndChangesNothing() {
        assertProblem(400, "MALFORMED_REQUEST", "{\"status\":\"archived\",\"endsAt\":\"" + T0 + "\",\"occurredAt\":\"" + T0 + "\"}");
        assertProblem(400, "VALIDATION_FAILED", "{\"status\":\"cancelled\",\"occurredAt\":\"" + T0 + "\"}");
        assertProblem(400, "VALIDATION_FAILED", null);
        assertProblem(400, "MALFORMED_REQUEST", "{\"status\":\"cancelled\",\"endsAt\":\"soon\",\"occurredAt\":\"" + T0 + "\"}");
        assertProblem(400, "MALFORMED_REQUEST", "{\"status\":\"cancelled\",\"endsAt\":1795509000,\"occurredAt\":\"" + T0 + "\"}");
        assertProblem(400, "MALFORMED_REQUEST", "{\"status\":2,\"endsAt\":\"" + T0 + "\",\"occurredAt\":\"" + T0 + "\"}");
        Reply badId = Lambda.send(BOOKING_SYSTEM, "PUT", "/bookings/booking%20123/status", body("cancelled", T0, T0), Map.of());
        assertEquals(400, badId.status(), badId.body());
        assertEquals(0, fixtures.count("booking_lifecycle"));
        assertEquals("active", emulator.state(sid));
    }

    @Test
    void theScheduledRunAnswersOnlyTheSchedulersEvent() throws Exception {
        Reply viaApi = Lambda.post(BOOKING_SYSTEM, "/internal/lifecycle/runs", null);

        assertEquals(404, viaApi.status(), viaApi.body());
        assertEquals(200, runSchedule().status());
    }

    private Reply runSchedule() {
        try {
            return Lambda.invoke(Files.readString(Path.of("infra", "events", "lifecycle-schedule.json")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Reply status(As caller, String bookingId, String status, Instant endsAt, Instant occurredAt) {
        Reply reply = Lambda.send(caller, "PUT", "/bookings/" + bookingId + "/status", body(status, endsAt, occurredAt), Map.of());
        assertEquals(200, reply.status(), reply.body());
        return reply;
    }

    private static String body(String status, Instant endsAt, Instant occurredAt) {
        return "{\"status\":\"" + status + "\",\"endsAt\":\"" + endsAt + "\",\"occurredAt\":\"" + occurredAt + "\"}";
    }

    private void assertClosedToSends(String conversationSid) {
        int before = emulator.messageCount(conversationSid);
        Reply refused = Lambda.post(CUSTOMER, "/conversations/" + conversationSid + "/messages", SEND);
        assertEquals(409, refused.status(), refused.body());
        assertEquals("CONVERSATION_CLOSED", refused.code());
        assertEquals(before, emulator.messageCount(conversationSid));
    }

    private void assertProblem(int status, String code, String body) {
        Reply reply = Lambda.send(BOOKING_SYSTEM, "PUT", "/bookings/booking-123/status", body, Map.of());
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.code(), reply.body());
    }
}
