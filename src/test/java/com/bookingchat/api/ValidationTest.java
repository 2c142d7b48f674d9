package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/** Every rule of the contract: a clear 400 problem with a code, and nothing written anywhere. */
@QuarkusTest
class ValidationTest {

    private static final String SID = "{sid}";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    private String sid;

    @BeforeEach
    void oneConversationWithOneMessage() {
        sid = fixtures.resetWithSeedConversationAndMessage();
    }

    static Stream<Arguments> badRequests() {
        String customer = "{\"userId\":\"customer-456\",\"userType\":\"customer\"}";
        String provider = "{\"userId\":\"provider-789\",\"userType\":\"provider\"}";
        String create = "/bookings/booking-9/conversations";
        String send = "/conversations/" + SID + "/messages";
        return Stream.of(
                bad("bookingId with a character outside [A-Za-z0-9._:-]", "POST", "/bookings/booking$9/conversations",
                        participants(customer, provider), "VALIDATION_FAILED"),
                bad("bookingId longer than 128", "POST", "/bookings/" + "b".repeat(129) + "/conversations",
                        participants(customer, provider), "VALIDATION_FAILED"),
                bad("type with upper case", "POST", create,
                        "{\"type\":\"Booking\",\"participants\":[" + customer + "," + provider + "]}", "VALIDATION_FAILED"),
                bad("type longer than 40", "POST", create,
                        "{\"type\":\"" + "t".repeat(41) + "\",\"participants\":[" + customer + "," + provider + "]}",
                        "VALIDATION_FAILED"),
                bad("no participants", "POST", create, "{}", "VALIDATION_FAILED"),
                bad("one participant", "POST", create, participants(customer), "VALIDATION_FAILED"),
                bad("eleven participants", "POST", create, participants(customer, provider, p(3), p(4), p(5), p(6),
                        p(7), p(8), p(9), p(10), p(11)), "VALIDATION_FAILED"),
                bad("a participant twice", "POST", create, participants(customer, provider, provider), "VALIDATION_FAILED"),
                bad("blank userId", "POST", create,
                        participants(customer, "{\"userId\":\" \",\"userType\":\"provider\"}"), "VALIDATION_FAILED"),
                bad("userId longer than 128", "POST", create,
                        participants(customer, "{\"userId\":\"" + "u".repeat(129) + "\",\"userType\":\"provider\"}"),
                        "VALIDATION_FAILED"),
                bad("missing userType", "POST", create, participants(customer, "{\"userId\":\"provider-789\"}"),
                        "VALIDATION_FAILED"),
                bad("unknown userType", "POST", create,
                        participants(customer, "{\"userId\":\"provider-789\",\"userType\":\"admin\"}"), "MALFORMED_REQUEST"),
                bad("userName longer than 256", "POST", create, participants(customer,
                        "{\"userId\":\"provider-789\",\"userType\":\"provider\",\"userName\":\"" + "n".repeat(257) + "\"}"),
                        "VALIDATION_FAILED"),
                bad("phone not E.164", "POST", create, participants(customer,
                        "{\"userId\":\"provider-789\",\"userType\":\"provider\",\"phone\":\"0041 79 000\"}"),
                        "VALIDATION_FAILED"),
                bad("email without a domain", "POST", create, participants(customer,
                        "{\"userId\":\"provider-789\",\"userType\":\"provider\",\"email\":\"jane@localhost\"}"),
                        "VALIDATION_FAILED"),
                bad("email with a line break, which would inject a mail header", "POST", create, participants(customer,
                        "{\"userId\":\"provider-789\",\"userType\":\"provider\",\"email\":\"jane@example.com\\r\\nBcc: x@example.com\"}"),
                        "VALIDATION_FAILED"),
                bad("email longer than 254", "POST", create, participants(customer,
                        "{\"userId\":\"provider-789\",\"userType\":\"provider\",\"email\":\"" + "j".repeat(250) + "@example.com\"}"),
                        "VALIDATION_FAILED"),
                bad("caller not a participant", "POST", create, participants(provider, p(2)), "VALIDATION_FAILED"),
                bad("caller listed with another userType", "POST", create,
                        participants("{\"userId\":\"customer-456\",\"userType\":\"provider\"}", provider), "VALIDATION_FAILED"),
                bad("participant userId with U+0000, which PostgreSQL cannot store", "POST", create,
                        participants(customer, "{\"userId\":\"provider\\u0000789\",\"userType\":\"provider\"}"),
                        "VALIDATION_FAILED"),
                bad("userName with U+0000", "POST", create, participants(customer,
                        "{\"userId\":\"provider-789\",\"userType\":\"provider\",\"userName\":\"Jane\\u0000\"}"),
                        "VALIDATION_FAILED"),
                bad("booking with U+0000 in a nested value", "POST", create, "{\"participants\":[" + customer + ","
                        + provider + "],\"booking\":{\"notes\":[\"a\\u0000b\"]}}", "VALIDATION_FAILED"),
                bad("booking with U+0000 in a key", "POST", create, "{\"participants\":[" + customer + ","
                        + provider + "],\"booking\":{\"a\\u0000\":1}}", "VALIDATION_FAILED"),
                bad("booking not an object", "POST", create,
                        "{\"participants\":[" + customer + "," + provider + "],\"booking\":[1,2]}", "MALFORMED_REQUEST"),
                bad("booking over 4 KB", "POST", create, "{\"participants\":[" + customer + "," + provider
                        + "],\"booking\":{\"notes\":\"" + "x".repeat(4100) + "\"}}", "VALIDATION_FAILED"),
                bad("body that is not JSON", "POST", create, "{\"participants\": [", "MALFORMED_REQUEST"),
                bad("no body", "POST", create, "", "VALIDATION_FAILED"),
                bad("message body missing", "POST", send, "{}", "VALIDATION_FAILED"),
                bad("message body blank", "POST", send, "{\"body\":\"   \"}", "VALIDATION_FAILED"),
                bad("message body over 1600 characters", "POST", send, "{\"body\":\"" + "m".repeat(1601) + "\"}",
                        "VALIDATION_FAILED"),
                bad("message body a number", "POST", send, "{\"body\":{\"a\":1}}", "MALFORMED_REQUEST"),
                bad("send bookingId malformed", "POST", send, "{\"body\":\"hi\",\"bookingId\":\"a b\"}", "VALIDATION_FAILED"),
                bad("conversationSid not a Twilio SID", "POST", "/conversations/" + SID + "%00/messages",
                        "{\"body\":\"hi\"}", "VALIDATION_FAILED"),
                bad("history of a conversationSid with U+0000", "GET", "/conversations/CH%00/messages", null,
                        "VALIDATION_FAILED"),
                bad("read of a conversationSid with U+0000", "POST", "/conversations/CH%00/read", null,
                        "VALIDATION_FAILED"),
                bad("history limit 0", "GET", send + "?limit=0", null, "VALIDATION_FAILED"),
                bad("history limit 101", "GET", send + "?limit=101", null, "VALIDATION_FAILED"),
                bad("history limit not a number", "GET", send + "?limit=ten", null, "VALIDATION_FAILED"),
                bad("history order sideways", "GET", send + "?order=sideways", null, "VALIDATION_FAILED"),
                bad("history pageToken not ours", "GET", send + "?pageToken=bm90LWEtdG9rZW4", null, "VALIDATION_FAILED"),
                bad("history pageToken shaped like ours with paging Twilio refuses", "GET",
                        send + "?pageToken=" + base64Url("PageToken=garbage"), null, "VALIDATION_FAILED"),
                bad("inbox limit 0", "GET", "/conversations?limit=0", null, "VALIDATION_FAILED"),
                bad("inbox cursor not ours", "GET", "/conversations?cursor=garbage", null, "VALIDATION_FAILED"),
                bad("inbox cursor shaped like ours past PostgreSQL's last year", "GET",
                        "/conversations?cursor=" + base64Url("+294277-01-01T00:00:00Z|1"), null, "VALIDATION_FAILED"),
                bad("inbox cursor shaped like ours before its first year", "GET",
                        "/conversations?cursor=" + base64Url(Instant.MIN + "|1"), null, "VALIDATION_FAILED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestIsA400ProblemAndChangesNothing(String rule, String method, String path, String body, String code) {
        String before = fixtures.rowCounts();
        int conversations = emulator.conversationCount();
        int messages = emulator.messageCount(sid);

        Reply reply = Lambda.send(CUSTOMER, method, path.replace(SID, sid), body, Map.of());

        assertEquals(400, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.header("Content-Type"));
        assertEquals(code, reply.code(), reply.body());
        assertEquals(400, reply.json().getInt("status"));
        assertFalse(reply.json().getString("detail").isBlank());
        assertFalse(reply.body().contains("Exception"), reply.body());
        assertEquals(before, fixtures.rowCounts());
        assertEquals(conversations, emulator.conversationCount());
        assertEquals(messages, emulator.messageCount(sid));
    }

    @Test
    void aValidationProblemNamesTheOffendingFields() {
        Reply reply = Lambda.post(CUSTOMER, "/bookings/booking-9/conversations",
                participants("{\"userId\":\"customer-456\",\"userType\":\"customer\"}"));

        assertEquals("participants", reply.json().getString("errors[0].field"));
    }

    @Test
    void sendingWithAnotherBookingsIdIsAConflictAndPostsNothing() {
        Reply reply = Lambda.post(PROVIDER, "/conversations/" + sid + "/messages",
                "{\"body\":\"hi\",\"bookingId\":\"booking-999\"}");

        assertEquals(409, reply.status(), reply.body());
        assertEquals("BOOKING_MISMATCH", reply.code());
        assertEquals("1/2/1", fixtures.rowCounts());
        assertEquals(1, emulator.messageCount(sid));
    }

    private static Arguments bad(String rule, String method, String path, String body, String code) {
        return Arguments.of(rule, method, path, body, code);
    }

    private static String participants(String... participants) {
        return "{\"participants\":[" + String.join(",", participants) + "]}";
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String p(int n) {
        return "{\"userId\":\"provider-" + n + "\",\"userType\":\"provider\"}";
    }
}
