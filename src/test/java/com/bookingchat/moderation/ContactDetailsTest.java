package com.bookingchat.moderation;

import static com.bookingchat.Lambda.BOOKING_SYSTEM;
import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.bookingchat.twilio.emulator.WebhookDelivery;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Contact details stay on the platform until the booking is confirmed, through both entrances: the send
 * operation, and a client SDK's post through Twilio's pre-event webhook (the emulator asks it as Twilio does).
 * booking_chat runs the deployed policy, mask; the test profile adds a reject and an allow type.
 */
@QuarkusTest
class ContactDetailsTest {

    private static final String HIDDEN = "[contact details hidden until the booking is confirmed]";
    private static final String WEBHOOK = "/twilio/webhook";

    /** Phone numbers as people type them, each with the digits that must not survive masking. */
    private static final Map<String, String> PHONES = orderedMap(
            "US, national with brackets", "call me on (415) 555-2671 tonight",
            "US, dotted", "my cell 415.555.2671",
            "US, international", "text +1 415-555-2671",
            "UK, mobile", "ring 07911 123456 when you are outside",
            "UK, London landline", "office 020 7946 0958",
            "UK, international", "or +44 7911 123456",
            "DE, mobile", "Handy: 0151 23456789",
            "DE, Berlin with slash", "Festnetz 030/12345678",
            "DE, international", "WhatsApp +49 151 23456789",
            "FR, mobile in pairs", "appelez-moi au 06 12 34 56 78",
            "FR, international", "ou +33 6 12 34 56 78",
            "IN, mobile", "call 98765 43210",
            "IN, international", "+91 98765-43210 on WhatsApp",
            "BR, mobile with area code", "meu zap (11) 91234-5678",
            "BR, international", "+55 11 91234 5678");

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @ConfigProperty(name = "booking-chat.webhook.public-base-url")
    String publicBaseUrl;

    @ConfigProperty(name = "twilio.emulator.webhook-url")
    URI webhookUrl;

    private WebhookDelivery twilio;
    private String sid;

    @BeforeEach
    void aPendingBookingConversation() {
        sid = fixtures.resetWithSeedConversation();
        twilio = emulator.webhooks();
        twilio.preEventsTo(webhookUrl);
    }

    @AfterEach
    void stopAskingBeforeClientPosts() {
        twilio.preEventsTo(null);
    }

    @Test
    void phoneNumbersWrittenAsPeopleInSeveralCountriesTypeThemAreMasked() {
        PHONES.forEach((kind, text) -> {
            Reply sent = send(sid, text);

            assertEquals(201, sent.status(), kind + ": " + sent.body());
            String posted = sent.json().getString("body");
            assertTrue(posted.contains(HIDDEN), kind + ": " + posted);
            assertFalse(posted.matches(".*\\d{3}.*"), kind + " kept digits: " + posted);
            assertEquals(posted, lastBodyInTwilio(sid), kind);
        });
    }

    @Test
    void eMailAddressesAndLinksAreMaskedAndTheRestOfTheTextKept() {
        assertMasked("write to jane.smith@example.co.uk please", "write to " + HIDDEN + " please");
        assertMasked("jane.smith (at) example.com", HIDDEN);
        assertMasked("see https://wa.me/4915123456789 or www.example.com/contact", "see " + HIDDEN + " or " + HIDDEN);
        assertMasked("follow me on instagram.com/jane.plumbing", "follow me on " + HIDDEN);
    }

    @Test
    void ordinaryTextWithNumbersIsLeftAlone() {
        for (String text : List.of("See you at 14:00 on 12.01.2026", "The quote is 120 EUR for 3 hours",
                "Booking 4711, flat 2b, 3rd floor", "Können Sie früher kommen? Um 9 Uhr?")) {
            Reply sent = send(sid, text);
            assertEquals(201, sent.status(), sent.body());
            assertEquals(text, sent.json().getString("body"));
        }
    }

    @Test
    void aConversationTypeWithTheRejectPolicyRefusesTheMessageAndPostsNothing() {
        String courier = create("booking-7", "courier_chat");

        Reply refused = send(courier, "call me on +49 151 23456789");

        assertEquals(422, refused.status(), refused.body());
        assertEquals("CONTACT_DETAILS_NOT_ALLOWED", refused.code());
        assertEquals(0, emulator.messageCount(courier));
        assertEquals(201, send(courier, "on my way").status());
    }

    @Test
    void aConversationTypeWithTheAllowPolicyAndAConfirmedBookingPostContactDetailsAsWritten() {
        String staff = create("booking-8", "staff_chat");
        assertEquals("call +49 151 23456789", send(staff, "call +49 151 23456789").json().getString("body"));

        Reply confirmed = Lambda.send(BOOKING_SYSTEM, "PUT", "/bookings/booking-123/status",
                "{\"status\":\"confirmed\",\"endsAt\":\"2026-12-01T16:00:00Z\",\"occurredAt\":\"2026-11-24T08:00:00Z\"}", Map.of());
        assertEquals(200, confirmed.status(), confirmed.body());

        assertEquals("mail jane@example.com or call 0151 23456789",
                send(sid, "mail jane@example.com or call 0151 23456789").json().getString("body"));
        assertEquals(200, twilio.postAsClient(sid, PROVIDER.userId(), "my number is 0151 23456789"));
        assertEquals("my number is 0151 23456789", lastBodyInTwilio(sid));
    }

    @Test
    void aClientSdkPostGoesThroughTheSameRuleByThePreEventWebhook() {
        assertEquals(200, twilio.postAsClient(sid, PROVIDER.userId(), "call me on 06 12 34 56 78 instead"));
        assertEquals("call me on " + HIDDEN + " instead", lastBodyInTwilio(sid));

        assertEquals(200, twilio.postAsClient(sid, PROVIDER.userId(), "running 10 minutes late"));
        assertEquals("running 10 minutes late", lastBodyInTwilio(sid));

        String courier = create("booking-7", "courier_chat");
        assertEquals(422, twilio.postAsClient(courier, CUSTOMER.userId(), "jane@example.com"));
        assertEquals(0, emulator.messageCount(courier));
    }

    @Test
    void thePreEventAnswersWithTheMaskedBodyOrNothingAndRefusesForgeriesAndClosedConversations() {
        Map<String, String> event = preEvent(sid, "onMessageAdd", "mail me: jane@example.com");

        Reply masked = signed(event);
        assertEquals(200, masked.status(), masked.body());
        assertTrue(masked.header("Content-Type").startsWith("application/json"), masked.header("Content-Type"));
        assertEquals("{\"body\":\"mail me: " + HIDDEN + "\"}", masked.body());

        Reply edited = signed(preEvent(sid, "onMessageUpdate", "new number 0151 23456789"));
        assertEquals("new number " + HIDDEN, edited.json().getString("body"));

        Reply untouched = signed(preEvent(sid, "onMessageAdd", "see you at nine"));
        assertEquals(200, untouched.status());
        assertEquals("", untouched.body());

        Reply unknown = signed(preEvent("CH" + "0".repeat(32), "onMessageAdd", "jane@example.com"));
        assertEquals(200, unknown.status(), "a conversation we do not know is not ours to judge");
        assertEquals("", unknown.body());

        String genuine = twilio.signature(publicBaseUrl + WEBHOOK, event);
        Map<String, String> tampered = new LinkedHashMap<>(event);
        tampered.put("Body", "harmless");
        for (Reply forged : List.of(Lambda.postForm(WEBHOOK, event, Map.of()),
                Lambda.postForm(WEBHOOK, event, Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")),
                Lambda.postForm(WEBHOOK, tampered, Map.of("X-Twilio-Signature", genuine)))) {
            assertEquals(403, forged.status(), forged.body());
            assertEquals("INVALID_SIGNATURE", forged.code());
        }

        Reply cancelled = Lambda.send(BOOKING_SYSTEM, "PUT", "/bookings/booking-123/status",
                "{\"status\":\"cancelled\",\"endsAt\":\"2026-12-01T16:00:00Z\",\"occurredAt\":\"2026-11-24T08:00:00Z\"}", Map.of());
        assertEquals(200, cancelled.status(), cancelled.body());
        Reply closed = signed(preEvent(sid, "onMessageAdd", "see you at nine"));
        assertEquals(409, closed.status(), closed.body());
        assertEquals("CONVERSATION_CLOSED", closed.code());
        assertEquals(409, twilio.postAsClient(sid, CUSTOMER.userId(), "hello?"));
        assertEquals(409, send(sid, "hello?").status());
    }

    private void assertMasked(String text, String expected) {
        Reply sent = send(sid, text);
        assertEquals(201, sent.status(), sent.body());
        assertEquals(expected, sent.json().getString("body"));
    }

    private String create(String bookingId, String type) {
        Reply created = Lambda.post(CUSTOMER, "/bookings/" + bookingId + "/conversations",
                Fixtures.SEED_CREATE.replace("\"booking_chat\"", "\"" + type + "\""));
        assertEquals(201, created.status(), created.body());
        return created.json().getString("conversationSid");
    }

    private static Reply send(String conversationSid, String body) {
        return Lambda.post(CUSTOMER, "/conversations/" + conversationSid + "/messages",
                "{\"body\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(body) + "}");
    }

    private String lastBodyInTwilio(String conversationSid) {
        return Lambda.get(CUSTOMER, "/conversations/" + conversationSid + "/messages?order=desc&limit=1").json()
                .getString("messages[0].body");
    }

    private Map<String, String> preEvent(String conversationSid, String type, String body) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("EventType", type);
        event.put("AccountSid", "AC00000000000000000000000000000000");
        event.put("ConversationSid", conversationSid);
        event.put("Author", PROVIDER.userId());
        event.put("ClientIdentity", PROVIDER.userId());
        event.put("Source", "SDK");
        event.put("Body", body);
        event.put("RetryCount", "0");
        event.put("WebhookType", "webhook");
        return event;
    }

    private Reply signed(Map<String, String> event) {
        return Lambda.postForm(WEBHOOK, event, Map.of("X-Twilio-Signature", twilio.signature(publicBaseUrl + WEBHOOK, event)));
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
