package com.bookingchat.notifications;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.bookingchat.observability.Metrics;
import com.bookingchat.twilio.TwilioOutcome;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;

/**
 * Sends each digest as one SMS through Twilio Programmable Messaging from the configured Messaging Service.
 * A recipient without a known phone cannot be texted; the digest is logged as the record instead and counts
 * as done, since retrying would only find no phone again. Twilio's refusals of the phone itself become
 * {@link AddressRefused}; its other exceptions reach the digest service as they are, to be retried next run.
 */
@ApplicationScoped
class SmsDigestNotifier implements DigestNotifier {

    private static final Logger LOG = Logger.getLogger(SmsDigestNotifier.class);
    /** Twilio refuses longer bodies (error 21617). */
    static final int MAX_BODY = 1600;
    /**
     * Twilio's errors that refuse the phone, not the message: 21610 the recipient replied STOP, 21211 an invalid
     * number, 21614 not a mobile number, 21408 sending to the number's region is not enabled.
     */
    static final Set<Integer> PHONE_REFUSALS = Set.of(21610, 21211, 21614, 21408);

    /** The Twilio operation the TwilioCalls metric files digest SMS under. */
    private static final String SEND_SMS = "send an SMS";

    private final TwilioRestClient client;
    private final SmsDigestConfig config;
    private final Metrics metrics;

    SmsDigestNotifier(TwilioRestClient client, SmsDigestConfig config, Metrics metrics) {
        this.client = client;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.SMS;
    }

    @Override
    public Delivery deliver(Digest digest) {
        if (digest.address() == null) {
            LOG.debugf("unread digest recorded, not sent (no phone known): %d messages in %d conversations",
                    digest.messages(), digest.conversations().size());
            return Delivery.RECORDED;
        }
        String messagingService = config.messagingServiceSid().orElseThrow(
                () -> new IllegalStateException("booking-chat.digest.messaging-service-sid is not configured"));
        long started = System.nanoTime();
        String outcome = TwilioOutcome.UNAVAILABLE;
        try {
            Message.creator(new PhoneNumber(digest.address()), messagingService, text(digest)).create(client);
            outcome = TwilioOutcome.OK;
        } catch (ApiException e) {
            boolean refusal = e.getStatusCode() != null && e.getStatusCode() >= 400 && e.getStatusCode() < 500 && e.getStatusCode() != 429;
            outcome = refusal ? TwilioOutcome.REJECTED : TwilioOutcome.UNAVAILABLE;
            if (e.getCode() != null && PHONE_REFUSALS.contains(e.getCode())) {
                throw new AddressRefused(e.getCode(), "Twilio refused SMS to the phone for good: error " + e.getCode());
            }
            throw e;
        } finally {
            TwilioOutcome.record(metrics, SEND_SMS, outcome, started, 0);
        }
        return Delivery.SENT;
    }

    /** One line per conversation, as many as fit in one Twilio message, then how many were left out. */
    static String text(Digest digest) {
        StringBuilder text = new StringBuilder(DigestText.headline(digest));
        List<ConversationUnread> conversations = digest.conversations();
        for (int i = 0; i < conversations.size(); i++) {
            ConversationUnread conversation = conversations.get(i);
            String line = "\n- " + DigestText.line(conversation);
            // The line must leave room to say how many conversations follow it, should the next one not fit.
            if (text.length() + line.length() + more(conversations.size() - i - 1).length() > MAX_BODY) {
                return text.append(more(conversations.size() - i)).toString();
            }
            text.append(line);
        }
        return text.toString();
    }

    private static String more(int conversations) {
        return conversations == 0 ? "" : "\n- and " + conversations + " more conversation" + (conversations == 1 ? "" : "s");
    }
}
