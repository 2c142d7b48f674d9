package com.bookingchat.service;

import java.util.List;

/**
 * Where an unread digest goes: the notifier sends it, or records it where it cannot reach the recipient.
 * Throwing means the recipient was not told; the digest service then leaves the recipient's notifications
 * undigested so the next run tries again.
 */
public interface DigestNotifier {

    /** Delivers one recipient's digest and says how. */
    Delivery deliver(Digest digest);

    /** How a digest reached its recipient. */
    enum Delivery {
        /** Handed to the provider for delivery. */
        SENT,
        /** Nowhere to send it; recorded in the log instead, and it counts as done. */
        RECORDED
    }

    /**
     * Everything one recipient has waiting, per conversation, latest activity first.
     *
     * @param phone where the recipient can be reached by SMS, or null where no phone is known
     */
    record Digest(String recipientUserId, String phone, List<ConversationUnread> conversations) {

        /** Unread messages over all conversations. */
        public int messages() {
            return conversations.stream().mapToInt(ConversationUnread::messages).sum();
        }
    }

    /**
     * The unread messages of one booking conversation.
     *
     * @param authors who wrote them: user names where known, user ids otherwise
     */
    record ConversationUnread(String bookingId, int messages, List<String> authors) {
    }
}
