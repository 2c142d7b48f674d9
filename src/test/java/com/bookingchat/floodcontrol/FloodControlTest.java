package com.bookingchat.floodcontrol;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.identity.Caller;
import com.bookingchat.infra.SamTemplate;
import com.bookingchat.persistence.UserType;
import com.bookingchat.service.ServiceException;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The per-caller send rate limit under the settings the send function is deployed with (the template's
 * parameter defaults: 20 a minute, a burst of 10), through the Lambda event path.
 */
@QuarkusTest
@TestProfile(FloodControlTest.AsDeployed.class)
class FloodControlTest {

    /** The flood-control settings the template gives the send function, instead of the test profile's. */
    public static class AsDeployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            SamTemplate template = SamTemplate.read();
            return Map.of(
                    "booking-chat.flood-control.messages-per-minute",
                    template.deployedVariable("SendFunction", "BOOKING_CHAT_FLOOD_CONTROL_MESSAGES_PER_MINUTE").orElseThrow(),
                    "booking-chat.flood-control.burst",
                    template.deployedVariable("SendFunction", "BOOKING_CHAT_FLOOD_CONTROL_BURST").orElseThrow());
        }
    }

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Inject
    FloodControlConfig config;

    @Inject
    SendRateLimiter limiter;

    private String sid;

    @BeforeEach
    void seedConversation() {
        sid = fixtures.resetWithSeedConversation();
    }

    @Test
    void theDeployedSettingsAreTwentyAMinuteWithABurstOfTen() {
        assertEquals(20, config.messagesPerMinute());
        assertEquals(10, config.burst());
    }

    @Test
    void aBurstIsSentThenTheNextSendIsRefusedWithRetryAfterAndNothingWrittenOrSent() {
        Flood flood = floodUntilRefused(CUSTOMER, "flood-key-");

        Reply refused = flood.refused();
        assertEquals("RATE_LIMITED", refused.code());
        assertEquals("application/problem+json", refused.header("Content-Type"));
        // 60 s / 20 messages: the next send is allowed one interval of 3 s after the burst began
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        assertEquals(flood.sent(), emulator.messageCount(sid));
        assertEquals(flood.sent(), fixtures.count("idempotency_keys"), "the refused send holds no Idempotency-Key");
    }

    @Test
    void theLimitRefillsAtTheSustainedRate() throws InterruptedException {
        Flood flood = floodUntilRefused(CUSTOMER, null);

        Thread.sleep(Long.parseLong(flood.refused().header("Retry-After")) * 1000);

        Reply afterTheWait = send(CUSTOMER, "on schedule", null);
        assertEquals(201, afterTheWait.status(), afterTheWait.body());
        Reply nextAtOnce = send(CUSTOMER, "ahead of schedule again", null);
        assertEquals(429, nextAtOnce.status(), nextAtOnce.body());
        assertEquals(flood.sent() + 1, emulator.messageCount(sid));
    }

    @Test
    void eachCallerHasALimitOfItsOwn() {
        floodUntilRefused(CUSTOMER, null);

        floodUntilRefused(PROVIDER, null);
    }

    @Test
    void aStrangerOrAnInvalidSendDoesNotUseTheLimit() {
        As stranger = new As(CUSTOMER.userId() + "-not-a-member", "customer");
        for (int i = 0; i < 3 * config.burst(); i++) {
            assertEquals(404, send(stranger, "let me in", null).status());
            assertEquals(400, Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\" \"}").status());
        }

        floodUntilRefused(CUSTOMER, null);
        assertEquals(0, fixtures.count("send_rate_limits WHERE user_id = '" + stranger.userId() + "'"));
    }

    @Test
    void concurrentSendsOfOneCallerAreCountedExactly() throws Exception {
        Caller caller = new Caller("racing-customer", UserType.CUSTOMER);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 4 * config.burst(); i++) {
                attempts.add(() -> {
                    try {
                        limiter.take(caller);
                        return true;
                    } catch (ServiceException refused) {
                        return false;
                    }
                });
            }
            long started = System.nanoTime();
            long allowed = 0;
            for (Future<Boolean> outcome : pool.invokeAll(attempts)) {
                allowed += outcome.get() ? 1 : 0;
            }
            // the burst, and one more for each interval (3 s) the attempts took on a slow machine
            long refilled = Duration.ofNanos(System.nanoTime() - started).toSeconds() / 3;
            assertTrue(allowed >= config.burst() && allowed <= config.burst() + refilled,
                    allowed + " of " + attempts.size() + " allowed");
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many sends a flood got through, and the answer that stopped it. */
    private record Flood(int sent, Reply refused) {
    }

    /**
     * Sends as {@code caller} until the limit refuses, checking that the refusal wrote and sent nothing and that
     * what got through is the burst, plus one for each interval (3 s) the sending itself took on a busy machine.
     */
    private Flood floodUntilRefused(As caller, String idempotencyKeyPrefix) {
        long started = System.nanoTime();
        for (int sent = 0;; sent++) {
            String rows = fixtures.rowCounts();
            int messages = emulator.messageCount(sid);
            Reply reply = send(caller, "flood " + sent, idempotencyKeyPrefix == null ? null : idempotencyKeyPrefix + sent);
            if (reply.status() == 429) {
                long refills = Duration.ofNanos(System.nanoTime() - started).toSeconds() / 3;
                assertTrue(sent >= config.burst() && sent <= config.burst() + refills,
                        sent + " sends got through in " + Duration.ofNanos(System.nanoTime() - started));
                assertEquals(rows, fixtures.rowCounts(), "a refused send writes nothing");
                assertEquals(messages, emulator.messageCount(sid), "a refused send reaches no Twilio");
                return new Flood(sent, reply);
            }
            assertEquals(201, reply.status(), reply.body());
        }
    }

    private Reply send(As caller, String body, String idempotencyKey) {
        return Lambda.send(caller, "POST", "/conversations/" + sid + "/messages", "{\"body\":\"" + body + "\"}",
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }
}
