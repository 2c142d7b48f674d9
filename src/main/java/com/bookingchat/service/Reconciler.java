package com.bookingchat.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.bookingchat.persistence.ConversationActivity;
import com.bookingchat.persistence.ConversationRepository;
import com.bookingchat.service.ConversationsGateway.PostedMessage;

/**
 * Backfills messages Twilio holds but this database never recorded: a send whose function timed out or
 * whose database write failed after Twilio accepted it, or a client-SDK message whose webhook never came.
 * It compares each recently active conversation's latest Twilio messages with the last index recorded and
 * records the missing ones through the same ledger as a send, so nothing is ever counted twice.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** Messages read per conversation; a gap larger than this in one run is closed over the next runs. */
    static final int PAGE = 50;

    private final ConversationRepository conversations;
    private final ConversationsGateway gateway;
    private final MessageLedger ledger;

    Reconciler(ConversationRepository conversations, ConversationsGateway gateway, MessageLedger ledger) {
        this.conversations = conversations;
        this.gateway = gateway;
        this.ledger = ledger;
    }

    /** What one run did. */
    public record Outcome(int conversationsChecked, int messagesRecorded, int conversationsFailed,
            boolean stoppedForTime) {
    }

    /**
     * Checks conversations active within {@code window}, most recent first, until {@code stopBy}.
     * A Twilio failure on one conversation is logged and leaves it for the next run.
     */
    public Outcome reconcile(Duration window, Instant stopBy) {
        List<ConversationActivity> recent = conversations.activeSince(Instant.now().minus(window));
        int checked = 0;
        int recorded = 0;
        int failed = 0;
        for (ConversationActivity conversation : recent) {
            if (Instant.now().isAfter(stopBy)) {
                return new Outcome(checked, recorded, failed, true);
            }
            checked++;
            try {
                recorded += backfill(conversation);
            } catch (ServiceException e) {
                failed++;
                LOG.warnf("reconciling %s failed, left for the next run: %s", conversation.twilioConversationSid(),
                        e.getMessage());
            }
        }
        return new Outcome(checked, recorded, failed, false);
    }

    private int backfill(ConversationActivity conversation) {
        int recordedUpTo = conversation.lastMessageIndex() == null ? -1 : conversation.lastMessageIndex();
        List<PostedMessage> missing = gateway.listMessages(conversation.twilioConversationSid(), PAGE, false, null)
                .messages().stream()
                .filter(m -> m.index() > recordedUpTo)
                .sorted(Comparator.comparingInt(PostedMessage::index))
                .toList();
        missing.forEach(message -> ledger.record(conversation.id(), message, MessageLedger.Source.RECONCILIATION));
        return missing.size();
    }
}
