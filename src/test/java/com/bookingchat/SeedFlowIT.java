package com.bookingchat;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bookingchat.Lambda.Reply;
import com.bookingchat.lambda.LocalDeployment;
import com.bookingchat.twilio.emulator.TwilioEmulator;

/**
 * The apps' seed flow against the packaged artifact: target/function.zip, a production build (JVM or native),
 * deployed as infra/template.yaml deploys it, each request reaching its route's function with that function's
 * environment.
 */
class SeedFlowIT {

    @RegisterExtension
    static final LocalDeployment deployment = new LocalDeployment();

    @Test
    void customerAndProviderTalkThroughThePackagedFunctions() {
        TwilioEmulator emulator = deployment.emulator();
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-123/conversations", Fixtures.SEED_CREATE);
        assertEquals(201, created.status(), created.body());
        String sid = created.json().getString("conversationSid");
        assertEquals(List.of("customer-456", "provider-789"), emulator.participantIdentities(sid));

        Reply sent = Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages",
                "{\"body\":\"When will you arrive?\",\"bookingId\":\"booking-123\"}");
        assertEquals(201, sent.status(), sent.body());

        Reply providerInbox = Lambda.get(PROVIDER, "/conversations");
        assertEquals(200, providerInbox.status(), providerInbox.body());
        assertEquals(sid, providerInbox.json().getString("conversations[0].conversationSid"));
        assertEquals(1, providerInbox.json().getInt("conversations[0].unreadCount"));

        Reply providerHistory = Lambda.get(PROVIDER, "/conversations/" + sid + "/messages");
        assertEquals(200, providerHistory.status(), providerHistory.body());
        assertEquals(List.of("When will you arrive?"), providerHistory.json().getList("messages.body"));

        Reply reply = Lambda.post(PROVIDER, "/conversations/" + sid + "/messages",
                "{\"body\":\"I'll be there at 2 PM\",\"bookingId\":\"booking-123\"}");
        assertEquals(201, reply.status(), reply.body());

        Reply customerHistory = Lambda.get(CUSTOMER, "/conversations/" + sid + "/messages");
        assertEquals(200, customerHistory.status(), customerHistory.body());
        assertEquals(List.of("When will you arrive?", "I'll be there at 2 PM"), customerHistory.json().getList("messages.body"));
        assertEquals(List.of("customer-456", "provider-789"), customerHistory.json().getList("messages.author"));

        Reply read = Lambda.post(PROVIDER, "/conversations/" + sid + "/read", null);
        assertEquals(200, read.status(), read.body());
        assertEquals(0, read.json().getInt("unreadCount"));
        assertNotNull(read.json().getString("lastReadAt"));
        assertEquals(0, Lambda.get(PROVIDER, "/conversations").json().getInt("totalUnread"));
        assertEquals(1, emulator.lastReadMessageIndex(sid, "provider-789").getAsInt());

        assertTrue(deployment.secrets().reads() >= 2, "the functions read their database and Twilio credentials through the extension");
    }

    @Test
    void theFaultsTheServiceRidesOutAreRiddenOutByThePackagedFunctions() throws Exception {
        // A provider of its own, so the seed flow's counts stay its own.
        String sid = Lambda.post(CUSTOMER, "/bookings/booking-456/conversations", """
                { "participants": [ { "userId": "customer-456", "userType": "customer" },
                                    { "userId": "provider-456", "userType": "provider" } ] }""")
                .json().getString("conversationSid");
        TwilioEmulator emulator = deployment.emulator();

        assertEquals(200, Lambda.get(CUSTOMER, "/conversations").status());
        assertEquals(1, Backends.terminate(deployment.applicationName("ListFunction")), "the list function's one connection");
        Reply afterTermination = Lambda.get(CUSTOMER, "/conversations");
        assertEquals(200, afterTermination.status(), afterTermination.body());

        // The send function has the template's 15 s per invocation; three 429s with Retry-After: 1 fit in it.
        emulator.failNext("POST", "/Messages$", 429, 20429, 3);
        Reply rateLimited = Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"Third time lucky\"}");
        assertEquals(201, rateLimited.status(), rateLimited.body());
        assertEquals(1, emulator.messageCount(sid));

        for (String body : List.of("{\"body\":12345}", "{\"body\":true}", "{\"body\":\"nul\\u0000\"}", "{\"body\":\"\\ud800\"}")) {
            Reply refused = Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", body);
            assertEquals(400, refused.status(), body + " answered " + refused.body());
        }
        assertEquals(1, emulator.messageCount(sid));
    }
}
