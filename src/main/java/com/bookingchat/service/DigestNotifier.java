package com.bookingchat.service;

import java.util.List;

/**
 * Where an unread digest goes: the notifier sends it, or records it where it cannot reach the recipient.
 * Throwing means the recipient was not told; the digest service then leaves the recipient's notifications
 * undigested so the next run tries again, unless it is {@link PhoneRefused}, which no retry would change.
 */
public interface DigestNotifier {

    /**
     * Delivers one recipient's digest and says how.
     *
     * @throws PhoneRefused when the provider refuses the recipient's phone for good
     */
    Delivery deliver(Digest digest);

    /**
     * The provider refused the digest's phone for good: the recipient opted out (replied STOP), the number is not
     * a valid mobile number, or sending to its region is not enabled. Sending again would be refused again.
     */
    final class PhoneRefused extends RuntimeException {

        private final int code;

        public PhoneRefused(int code, String message) {
            super(message);
            this.code = code;
        }

        /** The provider's error code, kept with the refusal. */
        public int code() {
            return code;
        }
    }

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
