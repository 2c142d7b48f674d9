package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.service.Reconciler;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/** A message Twilio accepted but the database never recorded is backfilled once, however often we look. */
@QuarkusTest
class ReconciliationTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Inject
    Reconciler reconciler;

    private String sid;

    @BeforeEach
    void oneConversation() {
        sid = fixtures.resetWithSeedConversation();
    }

    @Test
    void aSendWhoseDatabaseWriteFailedAfterTwilioAcceptedItIsReconciledExactlyOnce() {
        assertEquals(201, send("first").status());
        fixtures.sabotageNotificationInserts();
        assertEquals(500, send("second, lost on our side").status());
        fixtures.endSabotage();
        assertEquals(1, fixtures.count("message_notifications"));

        Reconciler.Outcome first = reconciler.reconcile(Duration.ofDays(1), Instant.now().plusSeconds(30));
        Reconciler.Outcome second = reconciler.reconcile(Duration.ofDays(1), Instant.now().plusSeconds(30));

        assertEquals(1, first.messagesRecorded());
        assertEquals(0, second.messagesRecorded());
        assertEquals(2, fixtures.count("message_notifications WHERE recipient_user_id = 'provider-789'"));
        assertEquals(1, fixtures.count("conversation_metadata WHERE last_message_index = 1"));
        assertEquals(2, emulator.messageCount(sid));
    }

    @Test
    void aConversationTwilioCannotListIsLeftForTheNextRun() {
        emulator.failNext("GET", "/Messages$", 500, 20500, 10);

        Reconciler.Outcome outcome = reconciler.reconcile(Duration.ofDays(1), Instant.now().plusSeconds(30));

        assertEquals(1, outcome.conversationsFailed());
        assertEquals(0, fixtures.count("message_notifications"));
    }

    @Test
    void aRunOutOfTimeStopsBeforeTheNextConversation() {
        Reconciler.Outcome outcome = reconciler.reconcile(Duration.ofDays(1), Instant.now().minusSeconds(1));

        assertEquals(true, outcome.stoppedForTime());
        assertEquals(0, outcome.conversationsChecked());
    }

    private Reply send(String body) {
        return Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"" + body + "\"}");
    }
}
