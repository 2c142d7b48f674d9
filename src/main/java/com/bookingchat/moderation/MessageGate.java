package com.bookingchat.moderation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.lifecycle.BookingStatus;
import com.bookingchat.persistence.ConversationMetadata;
import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

/**
 * The one rule every new message passes, whichever way it comes (our send operation, or a client SDK through
 * Twilio's pre-event webhook): a closed conversation takes none, and until the booking is confirmed the
 * conversation type's contact policy applies to phone numbers, e-mail addresses and links in the body.
 */
@ApplicationScoped
public class MessageGate {

    /** Twilio's limit on a message body, which a masked body must keep too. */
    private static final int MAX_BODY = 1600;

    private final ContactDetailsFinder finder;
    private final Map<String, ContactPolicy> policies;
    private final ContactPolicy defaultPolicy;
    private final String maskText;

    MessageGate(ModerationConfig config) {
        this.finder = new ContactDetailsFinder(config.phoneRegions());
        this.policies = parse(config.contactPolicies());
        this.defaultPolicy = ContactPolicy.fromSetting(config.defaultContactPolicy());
        this.maskText = config.maskText();
    }

    /**
     * The body to post in the conversation: as written, or with its contact details masked.
     *
     * @throws ServiceException CONVERSATION_CLOSED for a closed conversation, CONTACT_DETAILS_NOT_ALLOWED when the
     *         policy refuses the body (or masking it would make it longer than a message may be)
     */
    public String admit(ConversationMetadata conversation, String body) {
        if (conversation.closedAt != null) {
            throw new ServiceException(ErrorCode.CONVERSATION_CLOSED, "Conversation " + conversation.twilioConversationSid
                    + " is closed: its booking was cancelled or completed; its history can still be read");
        }
        ContactPolicy policy = policyOf(conversation);
        if (policy == ContactPolicy.ALLOW || body == null) {
            return body;
        }
        List<ContactDetailsFinder.Span> found = finder.find(body);
        if (found.isEmpty()) {
            return body;
        }
        String masked = policy == ContactPolicy.MASK ? mask(body, found) : null;
        if (masked == null || masked.length() > MAX_BODY) {
            throw new ServiceException(ErrorCode.CONTACT_DETAILS_NOT_ALLOWED, "The message holds a phone number, "
                    + "e-mail address or link, which this conversation takes only once the booking is confirmed");
        }
        return masked;
    }

    /** Once the booking system confirms the booking (or completes it), contact details may be exchanged. */
    private ContactPolicy policyOf(ConversationMetadata conversation) {
        if (conversation.bookingStatus == BookingStatus.CONFIRMED || conversation.bookingStatus == BookingStatus.COMPLETED) {
            return ContactPolicy.ALLOW;
        }
        return policies.getOrDefault(conversation.type, defaultPolicy);
    }

    private String mask(String body, List<ContactDetailsFinder.Span> found) {
        StringBuilder masked = new StringBuilder(body.length());
        int from = 0;
        for (ContactDetailsFinder.Span span : found) {
            masked.append(body, from, span.start()).append(maskText);
            from = span.end();
        }
        return masked.append(body, from, body.length()).toString();
    }

    private static Map<String, ContactPolicy> parse(String setting) {
        Map<String, ContactPolicy> parsed = new HashMap<>();
        for (String pair : setting.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("booking-chat.moderation.contact-policies: '" + pair
                        + "' is not type=policy");
            }
            parsed.put(pair.substring(0, equals).strip(), ContactPolicy.fromSetting(pair.substring(equals + 1)));
        }
        return Map.copyOf(parsed);
    }
}
