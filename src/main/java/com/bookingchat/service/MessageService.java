package com.bookingchat.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.identity.Caller;
import com.bookingchat.persistence.ConversationParticipant;
import com.bookingchat.persistence.ParticipantRepository;
import com.bookingchat.persistence.UserType;
import com.bookingchat.service.ConversationsGateway.MessagePage;
import com.bookingchat.service.ConversationsGateway.PostedMessage;

/** Sending messages and reading history; Twilio holds the bodies, PostgreSQL the unread state. */
@ApplicationScoped
public class MessageService {

    private final ParticipantRepository participants;
    private final ConversationsGateway gateway;
    private final MessageLedger ledger;
    private final JsonCodec json;

    MessageService(ParticipantRepository participants, ConversationsGateway gateway, MessageLedger ledger,
            JsonCodec json) {
        this.participants = participants;
        this.gateway = gateway;
        this.ledger = ledger;
        this.json = json;
    }

    /**
     * Posts the caller's message to Twilio, then records it. The membership read comes first, so an
     * unreachable database fails the request before Twilio has anything to undo.
     */
    public MessageView send(Caller caller, String conversationSid, String body, String bookingId) {
        ConversationParticipant me = Memberships.require(participants, caller, conversationSid);
        String conversationBooking = me.conversation.bookingId;
        if (bookingId != null && !bookingId.equals(conversationBooking)) {
            throw new ServiceException(ErrorCode.BOOKING_MISMATCH,
                    "Conversation " + conversationSid + " is not the conversation of booking " + bookingId);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("userType", caller.userType().wire());
        attributes.put("bookingId", conversationBooking);
        PostedMessage posted = gateway.postMessage(conversationSid, caller.userId(), body, json.write(attributes));
        ledger.record(me.conversation.id, posted);
        return new MessageView(posted.sid(), posted.index(), conversationSid, posted.author(), caller.userType(),
                posted.body(), posted.createdAt());
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
