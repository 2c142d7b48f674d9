package com.bookingchat.service;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.bookingchat.observability.Metric;
import com.bookingchat.observability.Metrics;
import com.bookingchat.persistence.ConversationRepository;
import com.bookingchat.service.ConversationsGateway.PostedMessage;

/**
 * Twilio's post-event webhooks. Messages typed in the apps' SDKs never pass through the send operation, and read
 * horizons moved there never pass through mark-read; Twilio's events keep the inbox and unread counts current.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final WebhookSignatures signatures;
    private final ConversationRepository conversations;
    private final MessageLedger ledger;
    private final ConversationService conversationService;
    private final Metrics metrics;

    WebhookService(WebhookSignatures signatures, ConversationRepository conversations, MessageLedger ledger,
            ConversationService conversationService, Metrics metrics) {
        this.signatures = signatures;
        this.conversations = conversations;
        this.ledger = ledger;
        this.conversationService = conversationService;
        this.metrics = metrics;
    }

    /**
     * Acts on one event, provided Twilio signed it for {@code url}. Event types this service does not use and
     * conversations it does not know are acknowledged and ignored, so Twilio does not retry them; a repeated
     * event changes nothing.
     *
     * @param url the public URL Twilio called, query included
     * @param event the form parameters of the request
     */
    @Transactional
    public void receive(String url, String signature, Map<String, String> event) {
        if (signature == null || !signatures.signedByTwilio(url, event, signature)) {
            // Logged because a wrong public base URL rejects every genuine event too, and shows up here first.
            LOG.warnf("rejected a Twilio webhook: X-Twilio-Signature is missing or does not sign %s", url);
            metrics.count(Metric.WEBHOOK_SIGNATURE_REJECTIONS);
            throw new ServiceException(ErrorCode.INVALID_SIGNATURE,
                    "X-Twilio-Signature is missing or is not Twilio's signature of " + url + " and this body");
        }
        String type = Objects.requireNonNullElse(event.get("EventType"), "");
        switch (type) {
            case "onMessageAdded" -> messageAdded(event);
            case "onParticipantUpdated" -> participantUpdated(event);
            default -> LOG.debugf("ignored a Twilio webhook of type '%s'", type);
        }
    }

    /** Recorded exactly as a sent message is; our own sends, recorded already, add nothing. */
    private void messageAdded(Map<String, String> event) {
        PostedMessage message = new PostedMessage(required(event, "MessageSid"), index(event, "Index"),
                required(event, "Author"), event.get("Body"), event.get("Attributes"), instant(event, "DateCreated"));
        conversations.findBySid(required(event, "ConversationSid"))
                .ifPresent(conversation -> ledger.record(conversation.id, message, MessageLedger.Source.WEBHOOK));
    }

    /**
     * Only the read horizon matters here: updates of attributes or roles, and participants without an identity
     * (SMS, WhatsApp), say nothing about what one of our users has read.
     */
    private void participantUpdated(Map<String, String> event) {
        String identity = optional(event, "Identity");
        String horizon = optional(event, "LastReadMessageIndex");
        if (identity == null || horizon == null || horizon.isEmpty()) {
            return;
        }
        conversationService.readHorizonMoved(required(event, "ConversationSid"), identity,
                index(event, "LastReadMessageIndex"));
    }

    private static String required(Map<String, String> event, String name) {
        String value = optional(event, name);
        if (value == null || value.isEmpty()) {
            throw ServiceException.invalid(name + " is required");
        }
        return value;
    }

    /**
     * A field this service stores or looks rows up by must be text PostgreSQL can hold, as the API's fields must;
     * Body and Attributes are neither stored nor read, so whatever Twilio delivered there is no reason to refuse.
     */
    private static String optional(Map<String, String> event, String name) {
        String value = event.get(name);
        if (value != null && !UnicodeTextValidator.isText(value)) {
            throw ServiceException.invalid(name + " " + UnicodeText.MESSAGE);
        }
        return value;
    }

    private static int index(Map<String, String> event, String name) {
        try {
            return Integer.parseInt(required(event, name));
        } catch (NumberFormatException e) {
            throw ServiceException.invalid(name + " must be a whole number");
        }
    }

    private static Instant instant(Map<String, String> event, String name) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(required(event, name), Instant::from);
        } catch (DateTimeParseException e) {
            throw ServiceException.invalid(name + " must be an ISO-8601 date-time");
        }
    }
}
