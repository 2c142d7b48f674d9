package com.bookingchat.service;

import com.bookingchat.observability.Metric;
import com.bookingchat.observability.Metrics;

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

    /** Where the ledger learnt of a message, as the MessagesRecorded metric's Source dimension names it. */
    public enum Source {
        SEND("send"), WEBHOOK("webhook"), RECONCILIATION("reconciliation");

        private final String dimension;

        Source(String dimension) {
            this.dimension = dimension;
        }
    }

    private final ConversationRepository conversations;
    private final NotificationRepository notifications;
    private final Metrics metrics;

    MessageLedger(ConversationRepository conversations, NotificationRepository notifications, Metrics metrics) {
        this.conversations = conversations;
        this.notifications = notifications;
        this.metrics = metrics;
    }

    /** Records the message; only the path that records it first counts it, so each message is counted once. */
    @Transactional
    public void record(long conversationId, PostedMessage message, Source source) {
        conversations.recordMessage(conversationId, message.createdAt(), message.index());
        int recipients = notifications.insertForRecipients(conversationId, message.sid(), message.index(), message.author(),
                message.createdAt());
        if (recipients > 0) {
            metrics.count(Metric.MESSAGES_RECORDED, source.dimension);
        }
    }
}
