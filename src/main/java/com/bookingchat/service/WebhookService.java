package com.bookingchat.service;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.bookingchat.moderation.MessageGate;
import com.bookingchat.observability.Metric;
import com.bookingchat.observability.Metrics;
import com.bookingchat.persistence.ConversationRepository;
import com.bookingchat.service.ConversationsGateway.PostedMessage;

/**
 * Twilio's webhooks. Messages typed in the apps' SDKs never pass through the send operation, and read horizons
 * moved there never pass through mark-read; Twilio's post-events keep the inbox and unread counts current. Its
 * pre-events for a message being added or edited in an SDK pass the body through the same {@link MessageGate} as
 * a send, so the SDKs can neither post to a closed conversation nor post contact details the send would mask.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final WebhookSignatures signatures;
    private final ConversationRepository conversations;
    private final MessageLedger ledger;
    private final ConversationService conversationService;
    private final MessageGate gate;
    private final Metrics metrics;

    WebhookService(WebhookSignatures signatures, ConversationRepository conversations, MessageLedger ledger,
            ConversationService conversationService, MessageGate gate, Metrics metrics) {
        this.signatures = signatures;
        this.conversations = conversations;
        this.ledger = ledger;
        this.conversationService = conversationService;
        this.gate = gate;
        this.metrics = metrics;
    }

    /**
     * Acts on one event, provided Twilio signed it for {@code url}. Event types this service does not use and
     * conversations it does not know are acknowledged and ignored, so Twilio does not retry them; a repeated
     * event changes nothing.
     *
     * A pre-event for a message ({@code onMessageAdd}, {@code onMessageUpdate}) is answered as Twilio's pre-event
     * contract wants: with the body to post instead when the gate masked it, with nothing when the message may go
     * as written, and refused (a problem with a 4xx status, which makes Twilio reject the action) when the
     * conversation is closed or its policy refuses contact details.
     *
     * @param url the public URL Twilio called, query included
     * @param event the form parameters of the request
     * @return the body Twilio must post instead of the one it sent, for a pre-event the gate masked
     */
    @Transactional
    public Optional<String> receive(String url, String signature, Map<String, String> event) {
        if (signature == null || !signatures.signedByTwilio(url, event, signature)) {
            // Logged because a wrong public base URL rejects every genuine event too, and shows up here first.
            LOG.warnf("rejected a Twilio webhook: X-Twilio-Signature is missing or does not sign %s", url);
            metrics.count(Metric.WEBHOOK_SIGNATURE_REJECTIONS);
            throw new ServiceException(ErrorCode.INVALID_SIGNATURE,
                    "X-Twilio-Signature is missing or is not Twilio's signature of " + url + " and this body");
        }
        String type = Objects.requireNonNullElse(event.get("EventType"), "");
        switch (type) {
            case "onMessageAdd", "onMessageUpdate" -> {
                return messageComing(event);
            }
            case "onMessageAdded" -> messageAdded(event);
            case "onParticipantUpdated" -> participantUpdated(event);
            default -> LOG.debugf("ignored a Twilio webhook of type '%s'", type);
        }
        return Optional.empty();
    }

    /** A message an SDK is about to add or edit; conversations this service does not know are not its to judge. */
    private Optional<String> messageComing(Map<String, String> event) {
        String body = event.get("Body");
        return conversations.findBySid(required(event, "ConversationSid"))
                .map(conversation -> gate.admit(conversation, body))
                .filter(admitted -> !admitted.equals(body));
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
