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
        sendBurst(CUSTOMER);
        String counts = fixtures.rowCounts();

        Reply refused = send(CUSTOMER, "one too many", "flood-key");

        assertEquals(429, refused.status(), refused.body());
        assertEquals("RATE_LIMITED", refused.code());
        assertEquals("application/problem+json", refused.header("Content-Type"));
        // 60 s / 20 messages: the next send is allowed one interval of 3 s after the burst began
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        assertEquals(config.burst(), emulator.messageCount(sid));
        assertEquals(counts, fixtures.rowCounts());
        assertEquals(0, fixtures.count("idempotency_keys"), "a refused send holds no Idempotency-Key");
    }

    @Test
    void theLimitRefillsAtTheSustainedRate() throws InterruptedException {
        sendBurst(CUSTOMER);
        Reply refused = send(CUSTOMER, "too soon", null);
        assertEquals(429, refused.status(), refused.body());

        Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000);

        Reply afterTheWait = send(CUSTOMER, "on schedule", null);
        assertEquals(201, afterTheWait.status(), afterTheWait.body());
        Reply nextAtOnce = send(CUSTOMER, "ahead of schedule again", null);
        assertEquals(429, nextAtOnce.status(), nextAtOnce.body());
        assertEquals(config.burst() + 1, emulator.messageCount(sid));
    }

    @Test
    void eachCallerHasALimitOfItsOwn() {
        sendBurst(CUSTOMER);
        assertEquals(429, send(CUSTOMER, "flooding", null).status());

        for (int i = 0; i < config.burst(); i++) {
            Reply reply = send(PROVIDER, "provider " + i, null);
            assertEquals(201, reply.status(), reply.body());
        }
        assertEquals(429, send(PROVIDER, "flooding too", null).status());
    }

    @Test
    void aStrangerOrAnInvalidSendDoesNotUseTheLimit() {
        As stranger = new As(CUSTOMER.userId() + "-not-a-member", "customer");
        for (int i = 0; i < 3 * config.burst(); i++) {
            assertEquals(404, send(stranger, "let me in", null).status());
            assertEquals(400, Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\" \"}").status());
        }

        sendBurst(CUSTOMER);
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

    private void sendBurst(As caller) {
        for (int i = 0; i < config.burst(); i++) {
            Reply reply = send(caller, "burst " + i, null);
            assertEquals(201, reply.status(), reply.body());
        }
    }

    private Reply send(As caller, String body, String idempotencyKey) {
        return Lambda.send(caller, "POST", "/conversations/" + sid + "/messages", "{\"body\":\"" + body + "\"}",
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }
}
