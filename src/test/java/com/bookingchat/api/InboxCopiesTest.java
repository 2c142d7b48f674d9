package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.service.Reconciler;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.bookingchat.twilio.emulator.WebhookDelivery;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The inbox reads each participant row's copy of its conversation's activity time and its own unread count,
 * which the database keeps. Whichever way a message or a read arrives, and whatever is changed by hand in SQL,
 * the copies must equal what they stand for, and the inbox must show it.
 */
@QuarkusTest
class InboxCopiesTest {

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
        assertInStep("a new conversation");
    }

    @Test
    void everyWayAMessageOrAReadArrivesKeepsTheCopiesExact() {
        WebhookDelivery twilio = emulator.webhooks();
        send(CUSTOMER, "one");
        send(CUSTOMER, "two");
        assertInStep("two sends");
        assertEquals(2, unread(PROVIDER));

        send(PROVIDER, "three");
        twilio.postAsClient(sid, CUSTOMER.userId(), "four, typed in the app");
        assertInStep("a send the other way and a message from the app's SDK");
        assertEquals(3, unread(PROVIDER));
        assertEquals(1, unread(CUSTOMER));

        assertEquals(200, Lambda.post(PROVIDER, "/conversations/" + sid + "/read", null).status());
        assertInStep("mark as read");
        assertEquals(0, unread(PROVIDER));

        send(CUSTOMER, "five");
        send(CUSTOMER, "six");
        twilio.readAsClient(sid, CUSTOMER.userId(), 2);
        twilio.readAsClient(sid, PROVIDER.userId(), 4);
        assertInStep("read horizons moved in the apps");
        assertEquals(1, unread(PROVIDER));
        assertEquals(0, unread(CUSTOMER));

        fixtures.sabotageNotificationInserts();
        assertEquals(500, Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"lost\"}").status());
        fixtures.endSabotage();
        assertEquals(1, reconciler.reconcile(Duration.ofDays(1), Instant.now().plusSeconds(30)).messagesRecorded());
        assertInStep("a lost send reconciled");
        assertEquals(2, unread(PROVIDER));
    }

    @Test
    void changesMadeByHandInSqlKeepTheCopiesExactToo() {
        send(CUSTOMER, "one");
        send(CUSTOMER, "two");
        Lambda.post(PROVIDER, "/conversations/" + sid + "/read", null);

        fixtures.execute("UPDATE message_notifications SET read_at = NULL WHERE message_index = 0");
        assertInStep("a notification marked unread again");
        assertEquals(1, unread(PROVIDER));

        fixtures.execute("DELETE FROM message_notifications WHERE read_at IS NULL");
        assertInStep("an unread notification deleted");
        assertEquals(0, unread(PROVIDER));

        fixtures.execute("UPDATE conversation_metadata SET last_message_at = now() + interval '1 hour'");
        assertInStep("the activity time moved");

        fixtures.execute("DELETE FROM conversation_participants WHERE user_id = 'provider-789'");
        fixtures.execute("""
                INSERT INTO message_notifications (conversation_id, recipient_user_id, twilio_message_sid,
                       message_index, author_user_id)
                SELECT id, 'provider-789', 'IM00000000000000000000000000000099', 99, 'customer-456'
                  FROM conversation_metadata""");
        fixtures.execute("""
                INSERT INTO conversation_participants (conversation_id, user_id, user_type, user_name)
                SELECT id, 'provider-789', 'provider', 'Jane Smith' FROM conversation_metadata""");
        assertInStep("a participant added to a conversation that already holds a message for them");
        assertEquals(1, unread(PROVIDER));
    }

    private void send(As author, String body) {
        assertEquals(201, Lambda.post(author, "/conversations/" + sid + "/messages", "{\"body\":\"" + body + "\"}").status());
    }

    private static int unread(As caller) {
        return Lambda.get(caller, "/conversations").json().getInt("totalUnread");
    }

    private void assertInStep(String after) {
        assertNull(fixtures.inboxCopiesOutOfStep(), "copies out of step after " + after);
    }
}
