package com.bookingchat.support;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.identity.SystemClient;
import com.bookingchat.persistence.ConversationMetadata;
import com.bookingchat.persistence.ConversationParticipant;
import com.bookingchat.persistence.ConversationRepository;
import com.bookingchat.persistence.ParticipantRepository;
import com.bookingchat.persistence.UserType;
import com.bookingchat.service.ConversationsGateway;
import com.bookingchat.service.ConversationsGateway.MessagePage;
import com.bookingchat.service.MessageHistory;
import com.bookingchat.service.MessageView;
import com.bookingchat.service.ServiceException;
import com.bookingchat.support.SupportAccessLog.Action;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Support's reads of booking conversations. Every read is on record before anything leaves: the audit row
 * commits first, and a read whose row cannot be written returns nothing. Support reads as the account, never
 * as a participant: nothing here adds a participant, moves a read horizon or touches an unread count, so no
 * participant's inbox, read receipts or participant list shows that support looked.
 */
@ApplicationScoped
public class SupportService {

    private final ConversationRepository conversations;
    private final ParticipantRepository participants;
    private final SupportAccessLog log;
    private final ConversationsGateway gateway;

    SupportService(ConversationRepository conversations, ParticipantRepository participants, SupportAccessLog log,
            ConversationsGateway gateway) {
        this.conversations = conversations;
        this.participants = participants;
        this.log = log;
        this.gateway = gateway;
    }

    /** The booking's conversations with their participants; the search is on record even when it finds none. */
    public SupportConversations find(SystemClient client, String bookingId, String reason) {
        String why = SupportReason.require(reason);
        return QuarkusTransaction.requiringNew().call(() -> {
            log.record(client.clientId(), Action.FIND_BOOKING_CONVERSATIONS, bookingId, null, why);
            List<SupportConversation> found = conversations.listByBooking(bookingId).stream()
                    .map(c -> SupportConversation.of(c, participants.listByConversation(c.id)))
                    .toList();
            return new SupportConversations(found);
        });
    }

    /** One page of a conversation's history, read from Twilio after the read is on record. */
    public MessageHistory history(SystemClient client, String conversationSid, String reason, int limit,
            boolean ascending, String pageToken) {
        String why = SupportReason.require(reason);
        Map<String, UserType> types = QuarkusTransaction.requiringNew().call(() -> {
            ConversationMetadata conversation = conversations.findBySid(conversationSid)
                    .orElseThrow(() -> ServiceException.conversationNotFound(conversationSid));
            log.record(client.clientId(), Action.READ_MESSAGES, conversation.bookingId, conversationSid, why);
            return participants.listByConversation(conversation.id).stream()
                    .collect(Collectors.toMap((ConversationParticipant p) -> p.userId, p -> p.userType, (a, b) -> a));
        });
        MessagePage page = gateway.listMessages(conversationSid, limit, ascending, pageToken);
        List<MessageView> messages = page.messages().stream()
                .map(m -> new MessageView(m.sid(), m.index(), conversationSid, m.author(), types.get(m.author()),
                        m.body(), m.createdAt()))
                .toList();
        return new MessageHistory(messages, page.nextPageToken());
    }
}
