package com.bookingchat.notifications;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.bookingchat.notifications.DigestNotifier.ConversationUnread;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;

/**
 * Sends each digest as one e-mail over SMTP (Amazon SES's SMTP interface in production), text and HTML
 * alternatives of the same words as the SMS, with a signed link that unsubscribes the recipient from these
 * e-mails without a login, in the body and in the List-Unsubscribe header (with RFC 8058's one-click POST, which
 * the large mail providers ask bulk senders for). A recipient without a known address cannot be e-mailed; the
 * digest is logged as the record instead and counts as done. Every SMTP failure reaches the digest service as
 * it is, to be retried by the next run.
 */
@ApplicationScoped
class EmailDigestNotifier implements DigestNotifier {

    private static final Logger LOG = Logger.getLogger(EmailDigestNotifier.class);
    /** Beyond this the SMTP exchange is abandoned; the margin of a digest run covers it. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

    private final ReactiveMailer mailer;
    private final UnsubscribeLinks links;
    private final NotificationsConfig config;

    EmailDigestNotifier(ReactiveMailer mailer, UnsubscribeLinks links, NotificationsConfig config) {
        this.mailer = mailer;
        this.links = links;
        this.config = config;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.EMAIL;
    }

    @Override
    public Delivery deliver(Digest digest) {
        if (digest.address() == null) {
            LOG.debugf("unread e-mail digest recorded, not sent (no address known): %d messages in %d conversations",
                    digest.messages(), digest.conversations().size());
            return Delivery.RECORDED;
        }
        String unsubscribe = links.link(digest.recipientUserId(), NotificationChannel.EMAIL);
        Mail mail = Mail.withText(digest.address(), config.emailSubject(), text(digest, unsubscribe))
                .setHtml(html(digest, unsubscribe))
                .addHeader("List-Unsubscribe", "<" + unsubscribe + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        mailer.send(mail).await().atMost(SEND_TIMEOUT);
        return Delivery.SENT;
    }

    static String text(Digest digest, String unsubscribe) {
        StringBuilder text = new StringBuilder(DigestText.headline(digest)).append('\n');
        for (ConversationUnread conversation : digest.conversations()) {
            text.append("- ").append(DigestText.line(conversation)).append('\n');
        }
        return text.append("\nOpen the app to read and answer them.\n\n")
                .append("You get this e-mail because messages waited unread. Stop these e-mails: ")
                .append(unsubscribe).append('\n')
                .toString();
    }

    static String html(Digest digest, String unsubscribe) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"></head><body>\n<p>")
                .append(escape(DigestText.headline(digest))).append("</p>\n<ul>\n");
        for (ConversationUnread conversation : digest.conversations()) {
            html.append("<li>").append(escape(DigestText.line(conversation))).append("</li>\n");
        }
        return html.append("</ul>\n<p>Open the app to read and answer them.</p>\n")
                .append("<p style=\"font-size:small\">You get this e-mail because messages waited unread. <a href=\"")
                .append(escape(unsubscribe)).append("\">Stop these e-mails</a>.</p>\n</body></html>\n")
                .toString();
    }

    /** User names and booking ids are the users' text: none of it may become markup. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
