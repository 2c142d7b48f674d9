package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Events as API Gateway HTTP APIs shape them, which is not always a shape the Lambda HTTP handler takes:
 * rawPath arrives percent-decoded, so a client's escapes come back as the characters they stood for.
 */
@QuarkusTest
class GatewayEventTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @BeforeEach
    void cleanSlate() {
        fixtures.reset();
    }

    @Test
    void aSpaceTheGatewayDecodedIntoThePathReachesTheRouteAsPartOfItsParameter() {
        Reply reply = Lambda.post(CUSTOMER, "/bookings/booking 9/conversations", Fixtures.SEED_CREATE);

        assertValidationProblemOn("bookingId", reply);
    }

    @Test
    void aQuestionMarkTheGatewayDecodedIntoThePathStaysInThePath() {
        ObjectNode event = Lambda.event(CUSTOMER, "POST", "/bookings/booking-9/conversations", Fixtures.SEED_CREATE,
                Map.of());
        event.put("rawPath", "/bookings/booking-9?admin=true/conversations");

        assertValidationProblemOn("bookingId", Lambda.invoke(event.toString()));
    }

    @Test
    void aMalformedEscapeInTheQueryIsReadAsTheCharactersItIs() {
        Reply reply = Lambda.get(CUSTOMER, "/conversations?limit=%zz");

        assertEquals(400, reply.status(), reply.body());
        assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"));
        assertEquals("VALIDATION_FAILED", reply.code());
    }

    @Test
    void aBodyFlaggedAsBase64ThatIsNotIsAMalformedRequestAndChangesNothing() {
        ObjectNode event = Lambda.event(CUSTOMER, "POST", "/bookings/booking-9/conversations", Fixtures.SEED_CREATE,
                Map.of());
        event.put("isBase64Encoded", true);

        Reply reply = Lambda.invoke(event.toString());

        assertEquals(400, reply.status(), reply.body());
        assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"));
        assertEquals("MALFORMED_REQUEST", reply.code());
        assertEquals("0/0/0", fixtures.rowCounts());
        assertEquals(0, emulator.conversationCount());
    }

    private void assertValidationProblemOn(String field, Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"));
        assertEquals("VALIDATION_FAILED", reply.code());
        assertEquals(field, reply.json().getString("errors[0].field"));
        assertEquals("0/0/0", fixtures.rowCounts());
        assertEquals(0, emulator.conversationCount());
    }
}
