package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/** Twilio rate limiting, failing, hanging or refusing: the client learns what to do, and no row lies. */
@QuarkusTest
class TwilioFaultsTest {

    private static final String MESSAGES = "/Messages$";
    private static final String SEND_BODY = "{\"body\":\"When will you arrive?\"}";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @ConfigProperty(name = "twilio.retry.max-attempts")
    int maxAttempts;

    private String sid;

    @BeforeEach
    void oneConversation() {
        sid = fixtures.resetWithSeedConversation();
    }

    @Test
    void aRateLimitedSendIsRetriedAndPostsOneMessage() {
        emulator.failNext("POST", MESSAGES, 429, 20429, 2);

        Reply reply = send();

        assertEquals(201, reply.status(), reply.body());
        assertEquals(3, emulator.requestCount("POST", MESSAGES));
        assertEquals(1, emulator.messageCount(sid));
        assertEquals(1, fixtures.count("message_notifications"));
    }

    @Test
    void threeRateLimitsAreRiddenOutWithinTheInvocationsFifteenSeconds() {
        emulator.failNext("POST", MESSAGES, 429, 20429, 3);

        Reply reply = Lambda.handle(sendEvent(Map.of()).toString(), Duration.ofSeconds(15));

        assertEquals(201, reply.status(), reply.body());
        assertEquals(4, emulator.requestCount("POST", MESSAGES));
        assertEquals(1, emulator.messageCount(sid));
        assertEquals(1, fixtures.count("message_notifications"));
    }

    @Test
    void rateLimitsOutlastingTheInvocationAnswer503BeforeItsDeadlineAndARetryPostsTheMessageOnce() {
        emulator.failNext("POST", MESSAGES, 429, 20429, 3);
        Map<String, String> key = Map.of("Idempotency-Key", "send-1");
        Duration timeLeft = Duration.ofMillis(2500);

        long started = System.nanoTime();
        Reply reply = Lambda.handle(sendEvent(key).toString(), timeLeft);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertUnavailable(reply);
        assertTrue(took.compareTo(timeLeft) < 0, "answered after the deadline: " + took);
        // Waiting Twilio's second and giving the next attempt its read timeout would pass the deadline less the margin.
        assertEquals(1, emulator.requestCount("POST", MESSAGES));
        assertNothingRecorded();
        assertEquals(0, emulator.messageCount(sid));

        Reply retried = Lambda.handle(sendEvent(key).toString(), Duration.ofSeconds(15));

        assertEquals(201, retried.status(), retried.body());
        assertEquals(1, emulator.messageCount(sid));
        assertEquals(1, fixtures.count("message_notifications"));
    }

    @Test
    void aTwilioThatRateLimitsWithoutAskingForAPauseIsTriedNoMoreThanTheGuardAllows() {
        emulator.failNext("POST", MESSAGES, 429, 20429, 100, Duration.ZERO);

        assertUnavailable(Lambda.handle(sendEvent(Map.of()).toString(), Duration.ofSeconds(15)));
        assertNothingRecorded();
        assertEquals(maxAttempts, emulator.requestCount("POST", MESSAGES));
    }

    @Test
    void aSendRateLimitedBeyondTheBudgetAnswers503WithRetryAfterAndWritesNoNotification() {
        emulator.failNext("POST", MESSAGES, 429, 20429, 100);

        assertUnavailable(send());
        assertNothingRecorded();
        assertEquals(0, emulator.messageCount(sid));
    }

    @Test
    void aFailingSendIsNotRepeatedBecauseTwilioMayHoldTheMessage() {
        emulator.failNext("POST", MESSAGES, 500, 20500, 3);

        assertUnavailable(send());
        assertNothingRecorded();
        assertEquals(1, emulator.requestCount("POST", MESSAGES));
    }

    @Test
    void twilioSlowerThanTheReadTimeoutAnswers503() throws InterruptedException {
        emulator.delayNext("POST", MESSAGES, Duration.ofSeconds(3), 1);

        assertUnavailable(send());
        assertEquals(0, fixtures.count("message_notifications"));
        // Twilio still takes the message after we gave up on it: the case reconciliation exists for.
        for (int i = 0; i < 50 && emulator.messageCount(sid) == 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(1, emulator.messageCount(sid));
    }

    @Test
    void aTwilioRefusalIsA502NamingTwilioCode() {
        emulator.failNext("POST", MESSAGES, 403, 50107, 1);

        Reply reply = send();

        assertEquals(502, reply.status(), reply.body());
        assertEquals("TWILIO_ERROR", reply.code());
        assertEquals(true, reply.json().getString("detail").contains("50107"));
        assertNothingRecorded();
    }

    @Test
    void createWithTwilioDownLongerThanTheRetriesAnswers503AndWritesNoRow() {
        emulator.failNext("POST", "/v1/Conversations$", 503, 20503, 100, Duration.ZERO);
        int before = emulator.requestCount("POST", "/v1/Conversations$");

        assertUnavailable(Lambda.post(CUSTOMER, "/bookings/booking-456/conversations", Fixtures.SEED_CREATE));
        assertEquals("1/2/0", fixtures.rowCounts());
        assertEquals(maxAttempts, emulator.requestCount("POST", "/v1/Conversations$") - before);
    }

    @Test
    void createRidesOutABriefTwilioOutage() {
        emulator.failNext("POST", "/v1/Conversations$", 500, 20500, 2);

        Reply reply = Lambda.post(CUSTOMER, "/bookings/booking-456/conversations", Fixtures.SEED_CREATE);

        assertEquals(201, reply.status(), reply.body());
        assertEquals(2, emulator.conversationCount());
    }

    @Test
    void markReadWithTwilioDownLeavesTheMessagesUnread() {
        assertEquals(201, send().status());
        emulator.failNext("POST", "/Participants/", 429, 20429, 100);

        assertUnavailable(Lambda.post(PROVIDER, "/conversations/" + sid + "/read", null));
        assertEquals(1, fixtures.count("message_notifications WHERE read_at IS NULL"));
        assertEquals(0, fixtures.count("conversation_participants WHERE last_read_at IS NOT NULL"));
    }

    @Test
    void historyWithTwilioDownAnswers503() {
        emulator.failNext("GET", MESSAGES, 500, 20500, 100);

        assertUnavailable(Lambda.get(PROVIDER, "/conversations/" + sid + "/messages"));
    }

    private Reply send() {
        return Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", SEND_BODY);
    }

    private ObjectNode sendEvent(Map<String, String> headers) {
        return Lambda.event(CUSTOMER, "POST", "/conversations/" + sid + "/messages", SEND_BODY, headers);
    }

    private void assertNothingRecorded() {
        assertEquals(0, fixtures.count("message_notifications"));
        assertEquals(0, fixtures.count("conversation_metadata WHERE last_message_at IS NOT NULL"));
    }

    private static void assertUnavailable(Reply reply) {
        assertEquals(503, reply.status(), reply.body());
        assertEquals("TWILIO_UNAVAILABLE", reply.code());
        assertNotNull(reply.header("Retry-After"));
        assertFalse(reply.body().contains("Exception"), reply.body());
    }
}
