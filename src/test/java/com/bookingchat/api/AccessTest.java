package com.bookingchat.api;

import static com.bookingchat.Lambda.ANONYMOUS;
import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Who may see what: claims are required, and a conversation exists only for its participants. */
@QuarkusTest
class AccessTest {

    private static final String SEND = "{\"body\":\"hello\"}";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    private String sid;

    @BeforeEach
    void oneConversation() {
        sid = fixtures.resetWithSeedConversationAndMessage();
    }

    @Test
    void aStrangerGetsTheSame404AsForAMissingConversationOnEveryRoute() {
        String missing = "CH" + "0".repeat(32);
        for (String conversation : new String[] { sid, missing }) {
            assertNotFound(Lambda.get(STRANGER, "/conversations/" + conversation + "/messages"));
            assertNotFound(Lambda.post(STRANGER, "/conversations/" + conversation + "/messages", SEND));
            assertNotFound(Lambda.post(STRANGER, "/conversations/" + conversation + "/read", null));
        }
        assertEquals(0, Lambda.get(STRANGER, "/conversations").json().getList("conversations").size());
        assertEquals("1/2/1", fixtures.rowCounts());
        assertEquals(1, emulator.messageCount(sid));
    }

    @Test
    void aParticipantCallingWithTheOtherUserTypeIsAStranger() {
        As customerAsProvider = new As("customer-456", "provider");

        assertNotFound(Lambda.get(customerAsProvider, "/conversations/" + sid + "/messages"));
        assertEquals(0, Lambda.get(customerAsProvider, "/conversations").json().getList("conversations").size());
    }

    @Test
    void everyRouteWithoutValidClaimsAnswers401AndChangesNothing() {
        for (As caller : new As[] { ANONYMOUS, new As("customer-456", "admin"), new As("", "customer"),
                new As("x".repeat(129), "customer"), new As("customer\u0000456", "customer") }) {
            assertUnauthenticated(Lambda.post(caller, "/bookings/booking-9/conversations", Fixtures.SEED_CREATE));
            assertUnauthenticated(Lambda.post(caller, "/conversations/" + sid + "/messages", SEND));
            assertUnauthenticated(Lambda.get(caller, "/conversations"));
            assertUnauthenticated(Lambda.get(caller, "/conversations/" + sid + "/messages"));
            assertUnauthenticated(Lambda.post(caller, "/conversations/" + sid + "/read", null));
        }
        assertEquals("1/2/1", fixtures.rowCounts());
        assertEquals(1, emulator.conversationCount());
        assertEquals(1, emulator.messageCount(sid));
    }

    @Test
    void theDevModeCallerHeadersDoNotExistOutsideDevMode() {
        Reply reply = Lambda.send(ANONYMOUS, "GET", "/conversations", null,
                Map.of("X-Dev-User-Id", "customer-456", "X-Dev-User-Type", "customer"));

        assertUnauthenticated(reply);
    }

    @Test
    void anUnknownRouteIsAProblemToo() {
        Reply reply = Lambda.get(CUSTOMER, "/nothing-here");

        assertEquals(404, reply.status());
        assertEquals("NOT_FOUND", reply.code());
        assertEquals("application/problem+json", reply.header("Content-Type"));
    }

    @Test
    void theOpenApiDocumentDescribesTheRoutesAndTheirProblems() {
        Reply reply = Lambda.get(ANONYMOUS, "/q/openapi?format=json");

        assertEquals(200, reply.status());
        for (String expected : new String[] { "/bookings/{bookingId}/conversations", "/conversations/{conversationSid}/read",
                "application/problem+json", "CONVERSATION_NOT_FOUND", "TWILIO_UNAVAILABLE" }) {
            assertTrue(reply.body().contains(expected), expected);
        }
    }

    private static void assertNotFound(Reply reply) {
        assertEquals(404, reply.status(), reply.body());
        assertEquals("CONVERSATION_NOT_FOUND", reply.code());
        assertEquals("application/problem+json", reply.header("Content-Type"));
    }

    private static void assertUnauthenticated(Reply reply) {
        assertEquals(401, reply.status(), reply.body());
        assertEquals("UNAUTHENTICATED", reply.code());
    }
}
