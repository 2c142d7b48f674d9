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
    void aSystemCallerIsRefusedOnEveryAppRouteWith403AndChangesNothing() {
        for (As system : new As[] { Lambda.BOOKING_SYSTEM, Lambda.SUPPORT_TOOL, As.system("no-scopes", null),
                As.system("everything", "booking-chat/bookings.write booking-chat/support.read") }) {
            assertForbidden(Lambda.post(system, "/bookings/booking-9/conversations", Fixtures.SEED_CREATE));
            assertForbidden(Lambda.post(system, "/conversations/" + sid + "/messages", SEND));
            assertForbidden(Lambda.get(system, "/conversations"));
            assertForbidden(Lambda.get(system, "/conversations/" + sid + "/messages"));
            assertForbidden(Lambda.post(system, "/conversations/" + sid + "/read", null));
            assertForbidden(Lambda.post(system, "/tokens", null));
        }
        assertEquals("1/2/1", fixtures.rowCounts());
        assertEquals(1, emulator.conversationCount());
        assertEquals(1, emulator.messageCount(sid));
    }

    @Test
    void aSystemCallerWithoutAValidClientIdIsUnauthenticated() {
        for (As caller : new As[] { As.system("", "booking-chat/bookings.write"),
                As.system("x".repeat(129), "booking-chat/bookings.write"), new As(null, null, null, "booking-chat/bookings.write") }) {
            assertUnauthenticated(Lambda.get(caller, "/conversations"));
        }
    }

    @Test
    void anAppUsersAccessTokenWithAClientIdAndScopesIsStillTheAppUser() {
        // Cognito's user access tokens carry the app client's id and scopes beside the user's own claims.
        As customerAccessToken = new As("customer-456", "customer", "customer-app-client", "openid booking-chat/bookings.write");

        Reply reply = Lambda.get(customerAccessToken, "/conversations");

        assertEquals(200, reply.status(), reply.body());
        assertEquals(1, reply.json().getList("conversations").size());
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

    private static void assertForbidden(Reply reply) {
        assertEquals(403, reply.status(), reply.body());
        assertEquals("FORBIDDEN", reply.code());
        assertEquals("The caller may not use this route", reply.json().getString("detail"));
    }

    private static void assertUnauthenticated(Reply reply) {
        assertEquals(401, reply.status(), reply.body());
        assertEquals("UNAUTHENTICATED", reply.code());
    }
}
