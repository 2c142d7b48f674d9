package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.identity.Caller;
import com.bookingchat.persistence.UserType;
import com.bookingchat.service.MessageService;
import com.bookingchat.service.SendResult;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/** Idempotency-Key on send: retries, races and half-failed attempts post one message and answer alike. */
@QuarkusTest
class IdempotencyTest {

    private static final String BODY = "{\"body\":\"When will you arrive?\",\"bookingId\":\"booking-123\"}";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Inject
    MessageService messages;

    private String sid;

    @BeforeEach
    void oneConversation() {
        sid = fixtures.resetWithSeedConversation();
    }

    @Test
    void aRepeatedKeyReplaysTheFirstAnswerAndPostsNothingNew() {
        Reply first = send("key-1", BODY);
        Reply again = send("key-1", BODY);

        assertEquals(201, first.status(), first.body());
        assertEquals(201, again.status(), again.body());
        assertEquals(first.body(), again.body());
        assertNull(first.header(MessageResource.IDEMPOTENT_REPLAYED));
        assertEquals("true", again.header(MessageResource.IDEMPOTENT_REPLAYED));
        assertEquals(1, emulator.messageCount(sid));
        assertEquals(1, fixtures.count("message_notifications"));
    }

    @Test
    void concurrentRequestsWithOneKeyPostOneMessageAndAnswerIdentically() throws Exception {
        Caller customer = new Caller("customer-456", UserType.CUSTOMER);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<SendResult>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                Arc.container().requestContext().activate();
                try {
                    return messages.send(customer, sid, "When will you arrive?", "booking-123", "race-key");
                } finally {
                    Arc.container().requestContext().terminate();
                }
            }));
        }
        start.countDown();
        List<SendResult> results = new ArrayList<>();
        for (Future<SendResult> answer : answers) {
            results.add(answer.get());
        }
        pool.shutdown();

        Set<Object> distinct = results.stream().map(SendResult::message).collect(Collectors.toSet());
        assertEquals(1, distinct.size(), distinct.toString());
        assertEquals(threads - 1, results.stream().filter(SendResult::replayed).count());
        assertEquals(1, emulator.messageCount(sid));
        assertEquals(1, fixtures.count("message_notifications"));
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        send("key-2", BODY);

        Reply reused = send("key-2", "{\"body\":\"Something else\"}");

        assertEquals(422, reused.status(), reused.body());
        assertEquals("IDEMPOTENCY_KEY_REUSED", reused.code());
        assertEquals(1, emulator.messageCount(sid));
    }

    @Test
    void keysBelongToTheirCaller() {
        assertEquals(201, send("shared-key", BODY).status());
        Reply provider = Lambda.send(PROVIDER, "POST", "/conversations/" + sid + "/messages", BODY,
                Map.of("Idempotency-Key", "shared-key"));

        assertEquals(201, provider.status(), provider.body());
        assertNull(provider.header(MessageResource.IDEMPOTENT_REPLAYED));
        assertEquals(2, emulator.messageCount(sid));
    }

    @Test
    void aRetryAfterTwilioAcceptedButTheDatabaseWriteFailedRecordsTheFirstMessageOnce() {
        fixtures.sabotageNotificationInserts();

        Reply failed = send("key-3", BODY);
        assertEquals(500, failed.status(), failed.body());
        assertEquals(1, emulator.messageCount(sid));
        assertEquals(0, fixtures.count("message_notifications"));

        fixtures.endSabotage();
        Reply retried = send("key-3", BODY);

        assertEquals(201, retried.status(), retried.body());
        assertEquals(0, retried.json().getInt("index"));
        assertEquals(1, emulator.messageCount(sid));
        assertEquals(1, fixtures.count("message_notifications"));
        assertEquals(1, fixtures.count("conversation_metadata WHERE last_message_index = 0"));
    }

    @Test
    void aRepeatWhileTheFirstAttemptIsInFlightWaitsThenAnswers409() {
        assertEquals(201, send("probe", BODY).status());
        // the probe's row, turned back into an attempt that holds its key and has no answer yet
        fixtures.execute("UPDATE idempotency_keys SET idempotency_key = 'busy-key', response_body = NULL, "
                + "claimed_until = now() + interval '1 hour' WHERE idempotency_key = 'probe'");

        Reply reply = send("busy-key", BODY);

        assertEquals(409, reply.status(), reply.body());
        assertEquals("IDEMPOTENCY_KEY_IN_USE", reply.code());
        assertEquals("1", reply.header("Retry-After"));
        assertEquals(1, emulator.messageCount(sid));
    }

    @Test
    void aMalformedKeyIsRefused() {
        Reply reply = send("x".repeat(256), BODY);

        assertEquals(400, reply.status(), reply.body());
        assertEquals(0, emulator.messageCount(sid));
    }

    private Reply send(String key, String body) {
        return Lambda.send(CUSTOMER, "POST", "/conversations/" + sid + "/messages", body, Map.of("Idempotency-Key", key));
    }
}
