package com.bookingchat.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bookingchat.persistence.ConversationRepository;
import com.bookingchat.persistence.NotificationRepository;
import com.bookingchat.service.ConversationsGateway.PostedMessage;

/**
 * Records that a message exists: the conversation's activity and its recipients' unread notifications.
 * Every path that learns of a message comes here, and recording one twice changes nothing.
 */
@ApplicationScoped
public class MessageLedger {

    private final ConversationRepository conversations;
    private final NotificationRepository notifications;

    MessageLedger(ConversationRepository conversations, NotificationRepository notifications) {
        this.conversations = conversations;
        this.notifications = notifications;
    }

    @Transactional
    public void record(long conversationId, PostedMessage message) {
        conversations.recordMessage(conversationId, message.createdAt(), message.index());
        notifications.insertForRecipients(conversationId, message.sid(), message.index(), message.author(),
                message.createdAt());
    }
}
