package com.bookingchat.digest;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The digest as the schedule runs it: the constant event of infra/events sent to the function, one SMS per
 * recipient saying per booking how many messages wait and from whom.
 */
@QuarkusTest
class DigestRunTest {

    static final String SCHEDULE_EVENT = read(Path.of("infra", "events", "digest-schedule.json"));
    private static final As SECOND_PROVIDER = new As("provider-790", "provider");
    private static final String CUSTOMER_PHONE = "+14155550100";
    private static final String PROVIDER_PHONE = "+14155550199";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    private String booking1;
    private String booking2;

    /**
     * booking-1: the provider wrote twice to the customer, the customer once back. booking-2: a second
     * provider, who gave no phone, wrote once to the customer and got one answer.
     */
    @BeforeEach
    void twoBookingsWithUnreadMessages() {
        fixtures.reset();
        booking1 = create("booking-1", "provider-789", "Jane Smith", PROVIDER_PHONE);
        booking2 = create("booking-2", "provider-790", "Bob Builder", null);
        send(PROVIDER, booking1, "On my way");
        send(PROVIDER, booking1, "I'll be there at 2 PM");
        send(CUSTOMER, booking1, "Thanks");
        send(SECOND_PROVIDER, booking2, "Can I come tomorrow?");
        send(CUSTOMER, booking2, "Yes");
    }

    @Test
    void eachRecipientGetsOneSmsListingHowManyMessagesWaitPerBookingAndFromWhom() {
        backdate("true");
        // Twilio dates messages to the second; an older booking-1 makes "latest booking first" visible.
        backdate("conversation_id = (SELECT id FROM conversation_metadata WHERE booking_id = 'booking-1')");

        Reply run = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(200, run.status(), run.body());
        assertEquals(Map.of("recipientsNotified", 3, "recordedWithoutSending", 1, "addressesRefused", 0,
                "mutedRecipients", 0, "deferredRecipients", 0,
                "notificationsDigested", 5, "failedRecipients", 0, "batches", 2, "stoppedEarly", false),
                run.json().getMap("sms"));
        assertEquals(Map.of(
                CUSTOMER_PHONE, "You have 3 unread messages in booking chat:\n"
                        + "- Booking booking-2: 1 from Bob Builder\n"
                        + "- Booking booking-1: 2 from Jane Smith",
                PROVIDER_PHONE, "You have 1 unread message in booking chat:\n"
                        + "- Booking booking-1: 1 from John Doe"), smsByPhone());
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NULL"));

        Reply again = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(0, again.json().getInt("sms.recipientsNotified"), again.body());
        assertEquals(0, again.json().getInt("sms.batches"));
        assertEquals(2, emulator.sentSms().size());
    }

    @Test
    void messagesReadBeforeTheRunAreInNoDigest() {
        backdate("true");
        assertEquals(200, Lambda.post(CUSTOMER, "/conversations/" + booking2 + "/read", null).status());

        Reply run = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(4, run.json().getInt("sms.notificationsDigested"), run.body());
        assertEquals("You have 2 unread messages in booking chat:\n- Booking booking-1: 2 from Jane Smith",
                smsByPhone().get(CUSTOMER_PHONE));
        assertEquals(1, fixtures.count("message_notifications WHERE read_at IS NOT NULL AND digested_at IS NULL"));
    }

    @Test
    void messagesYoungerThanTheDelayWaitForALaterRun() {
        backdate("author_user_id <> 'provider-790'");

        Reply first = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(4, first.json().getInt("sms.notificationsDigested"), first.body());
        assertEquals("You have 2 unread messages in booking chat:\n- Booking booking-1: 2 from Jane Smith",
                smsByPhone().get(CUSTOMER_PHONE));
        assertEquals(1, fixtures.count("message_notifications WHERE digested_at IS NULL"));

        backdate("digested_at IS NULL");
        Reply later = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(1, later.json().getInt("sms.notificationsDigested"), later.body());
        assertEquals("You have 1 unread message in booking chat:\n- Booking booking-2: 1 from Bob Builder",
                emulator.sentSms().get(2).get("body"));
    }

    @Test
    void anyEventButTheSchedulersIsAnsweredAsIfTheRouteDidNotExist() throws IOException {
        backdate("true");
        Reply unknownRoute = Lambda.post(PROVIDER, "/internal/digest/nothing-here", null);
        ObjectMapper json = new ObjectMapper();
        ObjectNode otherApi = (ObjectNode) json.readTree(SCHEDULE_EVENT);
        ((ObjectNode) otherApi.get("requestContext")).put("apiId", "a1b2c3d4e5");
        ObjectNode withAuthorizer = (ObjectNode) json.readTree(SCHEDULE_EVENT);
        ((ObjectNode) withAuthorizer.get("requestContext")).set("authorizer",
                Lambda.event(PROVIDER, "POST", "/internal/digest/runs", null, Map.of()).get("requestContext").get("authorizer"));

        for (Reply refused : List.of(
                Lambda.post(PROVIDER, "/internal/digest/runs", null),
                Lambda.post(Lambda.ANONYMOUS, "/internal/digest/runs", null),
                Lambda.invoke(otherApi.toString()),
                Lambda.invoke(withAuthorizer.toString()))) {
            assertEquals(404, refused.status(), refused.body());
            assertEquals(unknownRoute.body(), refused.body());
            assertEquals("application/problem+json", refused.header("Content-Type"));
        }
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NOT NULL"));
        assertEquals(List.of(), emulator.sentSms());
    }

    @Test
    void theInternalRouteStaysOutOfTheAppsOpenApiDocument() {
        Reply openApi = Lambda.get(Lambda.ANONYMOUS, "/q/openapi?format=json");

        assertEquals(200, openApi.status());
        assertFalse(openApi.body().contains("/internal/digest"), openApi.body());
    }

    private String create(String bookingId, String providerId, String providerName, String providerPhone) {
        String body = """
                { "participants": [
                    { "userId": "customer-456", "userType": "customer", "userName": "John Doe", "phone": "%s" },
                    { "userId": "%s", "userType": "provider", "userName": "%s"%s } ] }
                """.formatted(CUSTOMER_PHONE, providerId, providerName,
                providerPhone == null ? "" : ", \"phone\": \"" + providerPhone + "\"");
        Reply created = Lambda.post(CUSTOMER, "/bookings/" + bookingId + "/conversations", body);
        assertEquals(201, created.status(), created.body());
        return created.json().getString("conversationSid");
    }

    private static void send(As author, String conversationSid, String text) {
        Reply sent = Lambda.post(author, "/conversations/" + conversationSid + "/messages",
                "{\"body\":\"" + text + "\"}");
        assertEquals(201, sent.status(), sent.body());
    }

    /** Ages the matching notifications past the test delay, keeping their order. */
    private void backdate(String condition) {
        fixtures.execute("UPDATE message_notifications SET created_at = created_at - interval '1 hour' WHERE " + condition);
    }

    private Map<String, String> smsByPhone() {
        return emulator.sentSms().stream().collect(Collectors.toMap(sms -> sms.get("to"), sms -> sms.get("body")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
