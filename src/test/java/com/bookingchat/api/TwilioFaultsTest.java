package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/** Twilio rate limiting, failing, hanging or refusing: the client learns what to do, and no row lies. */
@QuarkusTest
class TwilioFaultsTest {

    private static final String MESSAGES = "/Messages$";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

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
    void aSendRateLimitedBeyondTheRetriesAnswers503WithRetryAfterAndWritesNoNotification() {
        emulator.failNext("POST", MESSAGES, 429, 20429, 10);

        assertUnavailable(send());
        assertNothingRecorded();
        assertEquals(3, emulator.requestCount("POST", MESSAGES));
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
        emulator.failNext("POST", "/v1/Conversations$", 503, 20503, 10);
        int before = emulator.requestCount("POST", "/v1/Conversations$");

        assertUnavailable(Lambda.post(CUSTOMER, "/bookings/booking-456/conversations", Fixtures.SEED_CREATE));
        assertEquals("1/2/0", fixtures.rowCounts());
        assertEquals(3, emulator.requestCount("POST", "/v1/Conversations$") - before);
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
        emulator.failNext("POST", "/Participants/", 429, 20429, 10);

        assertUnavailable(Lambda.post(PROVIDER, "/conversations/" + sid + "/read", null));
        assertEquals(1, fixtures.count("message_notifications WHERE read_at IS NULL"));
        assertEquals(0, fixtures.count("conversation_participants WHERE last_read_at IS NOT NULL"));
    }

    @Test
    void historyWithTwilioDownAnswers503() {
        emulator.failNext("GET", MESSAGES, 500, 20500, 10);

        assertUnavailable(Lambda.get(PROVIDER, "/conversations/" + sid + "/messages"));
    }

    private Reply send() {
        return Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"When will you arrive?\"}");
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
