package com.bookingchat.notifications;

import java.util.List;

/**
 * One channel an unread digest goes out on: the notifier sends it, or records it where it cannot reach the
 * recipient. Throwing means the recipient was not told on this channel; the digest service then leaves the
 * recipient's notifications undigested for this channel so the next run tries again, unless it is
 * {@link AddressRefused}, which no retry would change. Each channel marks its own deliveries, so one channel's
 * failure never holds back, or repeats, another's.
 */
public interface DigestNotifier {

    /** The channel this notifier delivers on (SMS or e-mail). */
    NotificationChannel channel();

    /**
     * Delivers one recipient's digest and says how.
     *
     * @throws AddressRefused when the provider refuses the recipient's address for good
     */
    Delivery deliver(Digest digest);

    /**
     * The provider refused the digest's address for good: for SMS the recipient opted out (replied STOP), the
     * number is not a valid mobile number, or sending to its region is not enabled. Sending again would be
     * refused again.
     */
    final class AddressRefused extends RuntimeException {

        private final int code;

        public AddressRefused(int code, String message) {
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
     * @param address where the channel reaches the recipient (a phone, an e-mail address), or null where none is known
     */
    record Digest(String recipientUserId, String address, List<ConversationUnread> conversations) {

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
