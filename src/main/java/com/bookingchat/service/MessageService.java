package com.bookingchat.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.identity.Caller;
import com.bookingchat.persistence.ConversationParticipant;
import com.bookingchat.persistence.ParticipantRepository;
import com.bookingchat.persistence.UserType;
import com.bookingchat.service.ConversationsGateway.MessagePage;
import com.bookingchat.service.ConversationsGateway.PostedMessage;
import com.fasterxml.jackson.core.type.TypeReference;

/** Sending messages and reading history; Twilio holds the bodies, PostgreSQL the unread state. */
@ApplicationScoped
public class MessageService {

    private static final String IDEMPOTENCY_ATTRIBUTE = "idempotencyKey";
    /** How far back a takeover looks for a message an earlier attempt may have posted. */
    private static final int RECENT_MESSAGES = 50;
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    private final ParticipantRepository participants;
    private final ConversationsGateway gateway;
    private final MessageLedger ledger;
    private final JsonCodec json;
    private final IdempotentExecution idempotency;

    MessageService(ParticipantRepository participants, ConversationsGateway gateway, MessageLedger ledger,
            JsonCodec json, IdempotentExecution idempotency) {
        this.participants = participants;
        this.gateway = gateway;
        this.ledger = ledger;
        this.json = json;
        this.idempotency = idempotency;
    }

    /**
     * Posts the caller's message to Twilio, then records it. The membership read comes first, so an
     * unreachable database fails the request before Twilio has anything to undo. With an Idempotency-Key
     * the send happens once per caller and key; the key also travels in the message's attributes, so an
     * attempt taking over from one that failed after Twilio accepted the message finds it instead of
     * posting it again.
     */
    public SendResult send(Caller caller, String conversationSid, String body, String bookingId,
            String idempotencyKey) {
        ConversationParticipant me = Memberships.require(participants, caller, conversationSid);
        String conversationBooking = me.conversation.bookingId;
        if (bookingId != null && !bookingId.equals(conversationBooking)) {
            throw new ServiceException(ErrorCode.BOOKING_MISMATCH,
                    "Conversation " + conversationSid + " is not the conversation of booking " + bookingId);
        }
        if (idempotencyKey == null) {
            return new SendResult(post(caller, me, body, null), false);
        }
        return idempotency.once(caller.userId(), idempotencyKey,
                RequestHash.of(conversationSid, bookingId, body),
                mayHavePosted -> (mayHavePosted ? alreadyPosted(caller, me, idempotencyKey) : Optional.<MessageView>empty())
                        .orElseGet(() -> post(caller, me, body, idempotencyKey)));
    }

    private MessageView post(Caller caller, ConversationParticipant me, String body, String idempotencyKey) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("userType", caller.userType().wire());
        attributes.put("bookingId", me.conversation.bookingId);
        if (idempotencyKey != null) {
            attributes.put(IDEMPOTENCY_ATTRIBUTE, idempotencyKey);
        }
        PostedMessage posted = gateway.postMessage(me.conversation.twilioConversationSid, caller.userId(), body,
                json.write(attributes));
        ledger.record(me.conversation.id, posted, MessageLedger.Source.SEND);
        return view(caller, me, posted);
    }

    /** The caller's message carrying this key among the conversation's latest, recorded if it was not yet. */
    private Optional<MessageView> alreadyPosted(Caller caller, ConversationParticipant me, String idempotencyKey) {
        return gateway.listMessages(me.conversation.twilioConversationSid, RECENT_MESSAGES, false, null).messages()
                .stream()
                .filter(m -> caller.userId().equals(m.author()) && m.attributesJson() != null
                        && idempotencyKey.equals(json.read(m.attributesJson(), ATTRIBUTES).get(IDEMPOTENCY_ATTRIBUTE)))
                .findFirst()
                .map(found -> {
                    ledger.record(me.conversation.id, found, MessageLedger.Source.SEND);
                    return view(caller, me, found);
                });
    }

    private static MessageView view(Caller caller, ConversationParticipant me, PostedMessage posted) {
        return new MessageView(posted.sid(), posted.index(), me.conversation.twilioConversationSid, posted.author(),
                caller.userType(), posted.body(), posted.createdAt());
    }

    /** One page of the conversation's history, read from Twilio; authors' types come from our participants. */
    public MessageHistory history(Caller caller, String conversationSid, int limit, boolean ascending,
            String pageToken) {
        ConversationParticipant me = Memberships.require(participants, caller, conversationSid);
        MessagePage page = gateway.listMessages(conversationSid, limit, ascending, pageToken);
        Map<String, UserType> types = participants.listByConversation(me.conversation.id).stream()
                .collect(Collectors.toMap(p -> p.userId, p -> p.userType, (a, b) -> a));
        List<MessageView> messages = page.messages().stream()
                .map(m -> new MessageView(m.sid(), m.index(), conversationSid, m.author(), types.get(m.author()),
                        m.body(), m.createdAt()))
                .toList();
        return new MessageHistory(messages, page.nextPageToken());
    }

}
