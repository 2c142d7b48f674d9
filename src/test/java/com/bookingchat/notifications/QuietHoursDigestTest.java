package com.bookingchat.notifications;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.digest.DigestRun;
import com.bookingchat.digest.DigestService;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The digest keeps quiet during each recipient's quiet hours, on the recipient's own clock: the messages wait,
 * on both channels, for the first run after. The runs are given fixed clocks on both sides of a time-zone
 * boundary and of New York's DST change of 8 March 2026.
 */
@QuarkusTest
class QuietHoursDigestTest {

    private static final LongSupplier NO_DEADLINE = () -> Long.MAX_VALUE;
    private static final String NIGHTS = "\"quietHours\":{\"start\":\"22:00\",\"end\":\"08:00\"}";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Inject
    DigestService digests;

    /** The customer lives in New York, the provider in Tokyo; both keep 22:00 to 08:00 quiet, both have a phone and an address. */
    @BeforeEach
    void customerInNewYorkProviderInTokyo() {
        fixtures.reset();
        SmtpServer.clear();
        prefer(CUSTOMER, "America/New_York");
        prefer(PROVIDER, "Asia/Tokyo");
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-1/conversations", """
                { "participants": [
                    { "userId": "customer-456", "userType": "customer", "phone": "+14155550100", "email": "john@example.com" },
                    { "userId": "provider-789", "userType": "provider", "phone": "+81312345678", "email": "jane@example.com" } ] }
                """);
        assertEquals(201, created.status(), created.body());
        String sid = created.json().getString("conversationSid");
        for (As author : List.of(PROVIDER, CUSTOMER)) {
            Reply sent = Lambda.post(author, "/conversations/" + sid + "/messages", "{\"body\":\"hello\"}");
            assertEquals(201, sent.status(), sent.body());
        }
        // written the evening before, so every run below finds them old enough
        fixtures.execute("UPDATE message_notifications SET created_at = '2026-03-06T23:00:00Z'");
    }

    @Test
    void atOneInstantTheRecipientWhoseNightItIsWaitsAndTheOtherIsTold() {
        // 22:30 in Tokyo, 08:30 in New York
        DigestRun run = digests.run(NO_DEADLINE, at("2026-03-07T13:30:00Z"));

        assertEquals(1, run.sms().deferredRecipients());
        assertEquals(1, run.email().deferredRecipients());
        assertEquals(List.of("+14155550100"), smsTo());
        assertEquals(List.of("john@example.com"), emailsTo());
        assertEquals(1, fixtures.count("message_notifications WHERE digested_at IS NULL AND emailed_at IS NULL"
                + " AND recipient_user_id = 'provider-789'"), "the provider's message waits on both channels, unmarked");
        assertEquals(1, fixtures.count("message_notifications WHERE digested_at IS NOT NULL OR emailed_at IS NOT NULL"));

        // 08:00 in Tokyo: the first run after the provider's quiet hours
        DigestRun morning = digests.run(NO_DEADLINE, at("2026-03-07T23:00:00Z"));

        assertEquals(0, morning.sms().deferredRecipients());
        assertEquals(List.of("+14155550100", "+81312345678"), smsTo());
        assertEquals(List.of("jane@example.com", "john@example.com"), emailsTo());
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NULL OR emailed_at IS NULL"));
    }

    @Test
    void theSameUtcTimeIsQuietBeforeNewYorksDstChangeAndNotAfterIt() {
        // 21:30 in Tokyo, so the provider is told at once; 07:30 EST in New York
        DigestRun before = digests.run(NO_DEADLINE, at("2026-03-07T12:30:00Z"));

        assertEquals(1, before.email().deferredRecipients());
        assertEquals(List.of("jane@example.com"), emailsTo());

        // 07:30 EDT: the clocks moved, still quiet
        DigestRun changeDay = digests.run(NO_DEADLINE, at("2026-03-08T11:30:00Z"));

        assertEquals(1, changeDay.sms().deferredRecipients());
        assertEquals(List.of("jane@example.com"), emailsTo());

        // 08:30 EDT: the same UTC time as the first run, now after the quiet hours
        DigestRun after = digests.run(NO_DEADLINE, at("2026-03-08T12:30:00Z"));

        assertEquals(0, after.email().deferredRecipients());
        assertEquals(List.of("+14155550100", "+81312345678"), smsTo());
        assertEquals(List.of("jane@example.com", "john@example.com"), emailsTo());
    }

    private static void prefer(As caller, String zone) {
        Reply saved = Lambda.send(caller, "PUT", "/me/notification-preferences",
                "{\"push\":true,\"sms\":true,\"email\":true,\"timeZone\":\"" + zone + "\"," + NIGHTS + "}", Map.of());
        assertEquals(200, saved.status(), saved.body());
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private List<String> smsTo() {
        return emulator.sentSms().stream().map(sms -> sms.get("to")).sorted().toList();
    }

    /** Who was texted and e-mailed so far, in alphabetical order (a run sends concurrently). */
    private static List<String> emailsTo() {
        return SmtpServer.received().stream().map(mail -> {
            try {
                return mail.getAllRecipients()[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
    }
}
