package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.bookingchat.twilio.emulator.WebhookDelivery;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every text field of every route takes a JSON string of valid Unicode and nothing else: a number or a boolean
 * where text belongs is {@code 400 MALFORMED_REQUEST} (Jackson no longer turns {@code 12345} into "12345"), and
 * text holding a C0 control character other than tab, line feed and carriage return, or an unpaired UTF-16
 * surrogate, is {@code 400 VALIDATION_FAILED} naming the field. Either way nothing is written and nothing is
 * sent to Twilio.
 */
@QuarkusTest
class StrictInputTest {

    private static final String SID = "{sid}";
    private static final String CREATE = "/bookings/booking-9/conversations";
    private static final String SEND = "/conversations/" + SID + "/messages";
    private static final String CUSTOMER_ENTRY = "{\"userId\":\"customer-456\",\"userType\":\"customer\"}";
    private static final String PROVIDER_ENTRY = "{\"userId\":\"provider-789\",\"userType\":\"provider\"}";

    /** JSON values that are not strings. */
    private static final List<String> NOT_STRINGS = List.of("12345", "-1.5e3", "true", "false");

    /** JSON strings that are not valid text: C0 controls (escaped, as JSON requires) and unpaired surrogates. */
    private static final List<String> NOT_TEXT = List.of("\"\\u0000\"", "\"bell\\u0007\"", "\"\\u001b[31mred\"",
            "\"unit\\u001fseparator\"", "\"\\ud800\"", "\"lone low \\udc00\"", "\"x\\ud83dy\"", "\"\\ude00\\ud83d\"");

    /** A text field of a request body: where it sits, and the body with {@code %s} for its value. */
    private record TextField(String route, String path, String field, String body, boolean enumerated) {
    }

    private static final List<TextField> FIELDS = List.of(
            new TextField("create", CREATE, "type", "{\"type\":%s,\"participants\":[" + CUSTOMER_ENTRY + "," + PROVIDER_ENTRY + "]}", false),
            new TextField("create", CREATE, "participants[1].userId",
                    "{\"participants\":[" + CUSTOMER_ENTRY + ",{\"userId\":%s,\"userType\":\"provider\"}]}", false),
            new TextField("create", CREATE, "participants[1].userType",
                    "{\"participants\":[" + CUSTOMER_ENTRY + ",{\"userId\":\"provider-789\",\"userType\":%s}]}", true),
            new TextField("create", CREATE, "participants[1].userName",
                    "{\"participants\":[" + CUSTOMER_ENTRY + ",{\"userId\":\"provider-789\",\"userType\":\"provider\",\"userName\":%s}]}", false),
            new TextField("create", CREATE, "participants[1].phone",
                    "{\"participants\":[" + CUSTOMER_ENTRY + ",{\"userId\":\"provider-789\",\"userType\":\"provider\",\"phone\":%s}]}", false),
            new TextField("create", CREATE, "participants[1].email",
                    "{\"participants\":[" + CUSTOMER_ENTRY + ",{\"userId\":\"provider-789\",\"userType\":\"provider\",\"email\":%s}]}", false),
            new TextField("send", SEND, "body", "{\"body\":%s}", false),
            new TextField("send", SEND, "bookingId", "{\"body\":\"hi\",\"bookingId\":%s}", false));

    /** The booking details are free-form JSON: their values may be of any type, but every string in them is text. */
    private static final List<TextField> BOOKING_TEXT = List.of(
            new TextField("create", CREATE, "booking", "{\"participants\":[" + CUSTOMER_ENTRY + "," + PROVIDER_ENTRY
                    + "],\"booking\":{\"service\":%s}}", false),
            new TextField("create", CREATE, "booking", "{\"participants\":[" + CUSTOMER_ENTRY + "," + PROVIDER_ENTRY
                    + "],\"booking\":{\"visits\":[{\"notes\":[\"ok\",%s]}]}}", false));

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @ConfigProperty(name = "booking-chat.webhook.public-base-url")
    String publicBaseUrl;

    private String sid;

    @BeforeEach
    void oneConversationWithOneMessage() {
        sid = fixtures.resetWithSeedConversationAndMessage();
    }

    static Stream<Arguments> wronglyTyped() {
        return FIELDS.stream().flatMap(field -> NOT_STRINGS.stream().map(value -> Arguments.of(
                field.route() + " " + field.field() + " = " + value, field, value)));
    }

    static Stream<Arguments> invalidText() {
        return Stream.concat(FIELDS.stream(), BOOKING_TEXT.stream()).flatMap(field -> NOT_TEXT.stream().map(value -> Arguments.of(
                field.route() + " " + field.field() + " = " + value + " in " + field.body(), field, value)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wronglyTyped")
    void aNumberOrBooleanWhereTextBelongsIsMalformedAndChangesNothing(String name, TextField field, String value) {
        Reply reply = refusedWithoutEffect(field, value);

        assertEquals("MALFORMED_REQUEST", reply.code(), reply.body());
        assertTrue(reply.json().getString("detail").contains(field.field()), reply.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidText")
    void textWithControlCharactersOrUnpairedSurrogatesIsRefusedAndChangesNothing(String name, TextField field, String value) {
        Reply reply = refusedWithoutEffect(field, value);

        // A user type is one of two words: anything else, however odd, is not a user type.
        assertEquals(field.enumerated() ? "MALFORMED_REQUEST" : "VALIDATION_FAILED", reply.code(), reply.body());
        if (!field.enumerated()) {
            assertEquals(field.field(), reply.json().getString("errors[0].field"), reply.body());
        }
    }

    @Test
    void aBookingKeyThatIsNotTextIsRefusedAndChangesNothing() {
        String body = "{\"participants\":[" + CUSTOMER_ENTRY + "," + PROVIDER_ENTRY + "],\"booking\":{\"extra\":{%s:1}}}";
        TextField key = new TextField("create", CREATE, "booking", body, false);

        assertEquals("VALIDATION_FAILED", refusedWithoutEffect(key, "\"a\\u0000b\"").code());
        assertEquals("VALIDATION_FAILED", refusedWithoutEffect(key, "\"\\u001b\"").code());
        // Jackson itself refuses an unpaired surrogate in a field name while parsing ("Broken surrogate pair").
        assertEquals("MALFORMED_REQUEST", refusedWithoutEffect(key, "\"\\ud800\"").code());
    }

    @Test
    void tabsLineBreaksAndSurrogatePairsAreTextAndPostedAsTheyCame() {
        Reply sent = Lambda.post(CUSTOMER, SEND.replace(SID, sid), "{\"body\":\"Line one\\r\\nLine\\ttwo \\ud83d\\ude00\"}");

        assertEquals(201, sent.status(), sent.body());
        assertEquals("Line one\r\nLine\ttwo \uD83D\uDE00",
                Lambda.get(PROVIDER, SEND.replace(SID, sid)).json().getString("messages[1].body"));

        Reply created = Lambda.post(CUSTOMER, CREATE, "{\"participants\":[" + CUSTOMER_ENTRY
                + ",{\"userId\":\"provider-789\",\"userType\":\"provider\",\"userName\":\"Zo\\u00eb \\ud83d\\udd27\"}],"
                + "\"booking\":{\"notes\":\"ring twice\\nthen wait\",\"floor\":3,\"lift\":false,\"gate\":null}}");

        assertEquals(201, created.status(), created.body());
        assertEquals("Zo\u00eb \uD83D\uDD27", created.json().getString("participants.find { it.userId == 'provider-789' }.userName"));
        assertEquals(3, created.json().getInt("booking.floor"));
        assertEquals(false, created.json().getBoolean("booking.lift"));
    }

    static Stream<Arguments> webhookFields() {
        List<Arguments> cases = new ArrayList<>();
        for (String value : List.of("\u0000", "provider\u0007789", "IM\u001b[0m")) {
            for (String field : List.of("ConversationSid", "MessageSid", "Author")) {
                cases.add(Arguments.of("onMessageAdded " + field, "onMessageAdded", field, value));
            }
            cases.add(Arguments.of("onParticipantUpdated Identity", "onParticipantUpdated", "Identity", value));
        }
        return cases.stream();
    }

    /**
     * The webhook's fields that are stored or looked up follow the same rule; they arrive form-encoded, as UTF-8,
     * which holds no unpaired surrogate, so control characters are what can arrive.
     */
    @ParameterizedTest(name = "{0} with {3}")
    @MethodSource("webhookFields")
    void aSignedWebhookWhoseStoredFieldsAreNotTextIsRefusedAndChangesNothing(String name, String type, String field,
            String value) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("EventType", type);
        event.put("AccountSid", "AC" + "0".repeat(32));
        event.put("ConversationSid", sid);
        if (type.equals("onMessageAdded")) {
            event.put("MessageSid", "IM" + "5".repeat(32));
            event.put("Index", "1");
            event.put("Author", CUSTOMER.userId());
            event.put("Body", "Hello");
            event.put("DateCreated", "2026-11-01T10:15:30.000Z");
        } else {
            event.put("Identity", PROVIDER.userId());
            event.put("LastReadMessageIndex", "0");
        }
        event.put(field, value);
        String before = state();
        WebhookDelivery twilio = emulator.webhooks();

        Reply reply = Lambda.postForm("/twilio/webhook", event,
                Map.of("X-Twilio-Signature", twilio.signature(publicBaseUrl + "/twilio/webhook", event)));

        assertEquals(400, reply.status(), reply.body());
        assertEquals("VALIDATION_FAILED", reply.code(), reply.body());
        assertTrue(reply.json().getString("detail").startsWith(field + " "), reply.body());
        assertEquals(before, state());
    }

    private Reply refusedWithoutEffect(TextField field, String value) {
        String before = state();
        int twilioExchanges = emulator.exchanges().size();

        Reply reply = Lambda.post(CUSTOMER, field.path().replace(SID, sid), field.body().formatted(value));

        assertEquals(400, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.header("Content-Type"));
        assertEquals(before, state(), "nothing may be written");
        assertEquals(twilioExchanges, emulator.exchanges().size(), "nothing may be sent to Twilio");
        return reply;
    }

    /** Rows of every table a request could write, and the read horizons. */
    private String state() {
        return fixtures.rowCounts() + "/" + fixtures.count("idempotency_keys") + "/"
                + fixtures.count("conversation_participants WHERE last_read_message_index IS NOT NULL") + "/"
                + fixtures.count("conversation_metadata WHERE last_message_index IS NOT NULL");
    }
}
