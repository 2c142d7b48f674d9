package com.bookingchat.notifications;

import static com.bookingchat.Lambda.ANONYMOUS;
import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The e-mail digest as the schedule runs it, received by a real SMTP server (GreenMail) and read back: who gets
 * what, the unsubscribe link that works without a login, muted channels, and each channel's failure leaving the
 * other alone.
 */
@QuarkusTest
@QuarkusTestResource(value = SmtpServer.class, restrictToAnnotatedClass = false)
class EmailDigestTest {

    private static final String SCHEDULE_EVENT = read(Path.of("infra", "events", "digest-schedule.json"));
    private static final String CUSTOMER_EMAIL = "john@example.com";
    private static final String PROVIDER_EMAIL = "jane@example.com";
    private static final String CUSTOMER_PHONE = "+14155550100";
    private static final String MESSAGES = "/Messages\\.json$";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @ConfigProperty(name = "booking-chat.notifications.public-base-url")
    String publicBaseUrl;

    /** booking-1: the provider wrote twice to the customer, the customer once back; only the customer has a phone. */
    @BeforeEach
    void oneBookingWithUnreadMessagesBothWays() {
        fixtures.reset();
        SmtpServer.clear();
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-1/conversations", """
                { "participants": [
                    { "userId": "customer-456", "userType": "customer", "userName": "John Doe",
                      "phone": "%s", "email": "%s" },
                    { "userId": "provider-789", "userType": "provider", "userName": "Jane Smith", "email": "%s" } ] }
                """.formatted(CUSTOMER_PHONE, CUSTOMER_EMAIL, PROVIDER_EMAIL));
        assertEquals(201, created.status(), created.body());
        String sid = created.json().getString("conversationSid");
        send(PROVIDER, sid, "On my way");
        send(PROVIDER, sid, "I'll be there at 2 PM");
        send(CUSTOMER, sid, "Thanks");
        backdate();
    }

    @Test
    void eachRecipientWithAnAddressGetsOneMultipartEmailWithTheDigestAndAnUnsubscribeLink() throws Exception {
        Reply run = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(200, run.status(), run.body());
        assertEquals(2, run.json().getInt("email.recipientsNotified"), run.body());
        assertEquals(3, run.json().getInt("email.notificationsDigested"), run.body());
        assertEquals(1, emulator.sentSms().size(), "the SMS channel goes on as before");
        Map<String, MimeMessage> mails = mailsByRecipient();
        assertEquals(List.of(PROVIDER_EMAIL, CUSTOMER_EMAIL), List.copyOf(mails.keySet()));

        MimeMessage mail = mails.get(CUSTOMER_EMAIL);
        assertEquals("Unread messages in booking chat", mail.getSubject());
        assertEquals("no-reply@booking-chat.test", ((InternetAddress) mail.getFrom()[0]).getAddress());
        assertEquals(1, mail.getRecipients(RecipientType.TO).length);
        String link = unsubscribeLink(mail);
        assertTrue(link.startsWith(publicBaseUrl + "/notifications/unsubscribe?user=customer-456&channel=email&signature="), link);
        assertEquals("<" + link + ">", mail.getHeader("List-Unsubscribe")[0]);
        assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);
        Map<String, String> parts = parts(mail);
        assertEquals("""
                You have 2 unread messages in booking chat:
                - Booking booking-1: 2 from Jane Smith

                Open the app to read and answer them.

                You get this e-mail because messages waited unread. Stop these e-mails: %s""".formatted(link),
                parts.get("text/plain").replace("\r\n", "\n").strip());
        String html = parts.get("text/html");
        assertTrue(html.contains("<li>Booking booking-1: 2 from Jane Smith</li>"), html);
        assertTrue(html.contains("<a href=\"" + link.replace("&", "&amp;") + "\">Stop these e-mails</a>"), html);
        assertTrue(parts(mails.get(PROVIDER_EMAIL)).get("text/plain")
                .startsWith("You have 1 unread message in booking chat:\r\n- Booking booking-1: 1 from John Doe"));

        Reply again = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(0, again.json().getInt("email.recipientsNotified"), again.body());
        assertEquals(2, SmtpServer.received().size(), "one e-mail per recipient, ever, for the same messages");
    }

    @Test
    void theUnsubscribeLinkTurnsTheEmailsOffWithoutALoginAndTheOtherChannelsStayOn() throws Exception {
        Lambda.invoke(SCHEDULE_EVENT);
        String link = unsubscribeLink(mailsByRecipient().get(CUSTOMER_EMAIL));

        Reply opened = open("GET", link);
        Reply openedAgain = open("GET", link);
        Reply oneClick = open("POST", link);

        for (Reply reply : List.of(opened, openedAgain, oneClick)) {
            assertEquals(200, reply.status(), reply.body());
            assertTrue(reply.header("Content-Type").startsWith("text/html"), reply.header("Content-Type"));
            assertTrue(reply.body().contains("You will get no more e-mails"), reply.body());
        }
        assertEquals(1, fixtures.count("notification_preferences WHERE user_id = 'customer-456'"
                + " AND NOT email_enabled AND sms_enabled AND push_enabled"));
        assertEquals(false, Lambda.get(CUSTOMER, "/me/notification-preferences").json().getBoolean("email"));

        SmtpServer.clear();
        fixtures.execute("UPDATE message_notifications SET digested_at = NULL, emailed_at = NULL");
        Reply run = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(1, run.json().getInt("email.mutedRecipients"), run.body());
        assertEquals(List.of(PROVIDER_EMAIL), List.copyOf(mailsByRecipient().keySet()));
        assertEquals(0, fixtures.count("message_notifications WHERE emailed_at IS NULL"), "a muted digest counts as done");
        assertEquals(2, emulator.sentSms().size(), "the customer's SMS still comes");
    }

    @Test
    void aLinkThisServiceDidNotSignChangesNothing() throws Exception {
        Lambda.invoke(SCHEDULE_EVENT);
        String link = unsubscribeLink(mailsByRecipient().get(CUSTOMER_EMAIL));
        String signature = link.substring(link.indexOf("&signature=") + "&signature=".length());

        for (String forged : List.of(
                link.replace("user=customer-456", "user=provider-789"),
                link.replace("channel=email", "channel=sms"),
                link.replace(signature, "A" + signature.substring(1)),
                link.substring(0, link.indexOf("&signature=")),
                publicBaseUrl + "/notifications/unsubscribe")) {
            Reply refused = open("GET", forged);

            assertEquals(403, refused.status(), forged + ": " + refused.body());
            assertEquals("INVALID_UNSUBSCRIBE_LINK", refused.code());
        }
        assertEquals(0, fixtures.count("notification_preferences"));
    }

    @Test
    void aChannelTurnedOffInThePreferencesGetsNothing() {
        Reply saved = Lambda.send(PROVIDER, "PUT", "/me/notification-preferences",
                "{\"push\":true,\"sms\":true,\"email\":false,\"timeZone\":\"Europe/Berlin\",\"quietHours\":null}", Map.of());
        assertEquals(200, saved.status(), saved.body());

        Reply run = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(1, run.json().getInt("email.mutedRecipients"), run.body());
        assertEquals(List.of(CUSTOMER_EMAIL), List.copyOf(mailsByRecipient().keySet()));
    }

    @Test
    void whileSmtpIsDownTheSmsGoOutAndTheEmailsFollowWhenItIsBack() {
        SmtpServer.halt();
        Reply down;
        try {
            down = Lambda.invoke(SCHEDULE_EVENT);
        } finally {
            SmtpServer.restart();
        }

        assertEquals(200, down.status(), down.body());
        assertEquals(2, down.json().getInt("email.failedRecipients"), down.body());
        assertEquals(1, down.json().getInt("sms.recipientsNotified") - down.json().getInt("sms.recordedWithoutSending"));
        assertEquals(List.of(CUSTOMER_PHONE), emulator.sentSms().stream().map(sms -> sms.get("to")).toList());
        assertEquals(3, fixtures.count("message_notifications WHERE emailed_at IS NULL"));
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NULL"));

        Reply back = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(2, back.json().getInt("email.recipientsNotified"), back.body());
        assertEquals(List.of(PROVIDER_EMAIL, CUSTOMER_EMAIL), List.copyOf(mailsByRecipient().keySet()));
        assertEquals(1, emulator.sentSms().size(), "the SMS is not sent again");
    }

    @Test
    void whileTwilioRefusesTheSmsTheEmailsGoOutAndTheSmsFollowsLater() {
        // 21606: the Messaging Service cannot send to this number now, a failure that is not the phone's for good
        emulator.failNext("POST", MESSAGES, 400, 21606, 1);

        Reply failing = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(1, failing.json().getInt("sms.failedRecipients"), failing.body());
        assertEquals(List.of(PROVIDER_EMAIL, CUSTOMER_EMAIL), List.copyOf(mailsByRecipient().keySet()));
        assertEquals(0, fixtures.count("message_notifications WHERE emailed_at IS NULL"));

        Reply later = Lambda.invoke(SCHEDULE_EVENT);

        assertEquals(1, later.json().getInt("sms.recipientsNotified"), later.body());
        assertEquals(1, emulator.sentSms().size());
        assertEquals(2, SmtpServer.received().size(), "the e-mails are not sent again");
    }

    private static Reply open(String method, String link) {
        return Lambda.send(ANONYMOUS, method, link.substring(link.indexOf("/notifications/")), null, Map.of());
    }

    private static String unsubscribeLink(MimeMessage mail) throws MessagingException {
        String header = mail.getHeader("List-Unsubscribe")[0];
        return header.substring(1, header.length() - 1);
    }

    private static Map<String, MimeMessage> mailsByRecipient() {
        Map<String, MimeMessage> mails = new TreeMap<>();
        for (MimeMessage mail : SmtpServer.received()) {
            try {
                String to = Arrays.stream(mail.getRecipients(RecipientType.TO))
                        .map(address -> ((InternetAddress) address).getAddress()).reduce((a, b) -> a + "," + b).orElseThrow();
                assertEquals(null, mails.put(to, mail), "two e-mails to " + to);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    /** The alternatives of a multipart/alternative e-mail by content type. */
    private static Map<String, String> parts(MimeMessage mail) throws Exception {
        assertTrue(mail.getContentType().startsWith("multipart/alternative"), mail.getContentType());
        MimeMultipart multipart = (MimeMultipart) mail.getContent();
        Map<String, String> parts = new TreeMap<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            parts.put(part.getContentType().split(";")[0].trim().toLowerCase(), (String) part.getContent());
        }
        assertEquals(List.of("text/html", "text/plain"), List.copyOf(parts.keySet()));
        return parts;
    }

    private static void send(As author, String conversationSid, String text) {
        Reply sent = Lambda.post(author, "/conversations/" + conversationSid + "/messages", "{\"body\":\"" + text + "\"}");
        assertEquals(201, sent.status(), sent.body());
    }

    private void backdate() {
        fixtures.execute("UPDATE message_notifications SET created_at = created_at - interval '1 hour'");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
