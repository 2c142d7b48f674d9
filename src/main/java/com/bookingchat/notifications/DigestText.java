package com.bookingchat.notifications;

import java.util.List;

import com.bookingchat.notifications.DigestNotifier.ConversationUnread;
import com.bookingchat.notifications.DigestNotifier.Digest;

/** The words every digest channel uses, so an SMS and an e-mail about the same messages say the same thing. */
final class DigestText {

    private static final int NAMED_AUTHORS = 3;

    private DigestText() {
    }

    /** "You have 3 unread messages in booking chat:" */
    static String headline(Digest digest) {
        int messages = digest.messages();
        return "You have " + messages + (messages == 1 ? " unread message" : " unread messages") + " in booking chat:";
    }

    /** "Booking booking-1: 2 from Jane Smith" */
    static String line(ConversationUnread conversation) {
        return "Booking " + conversation.bookingId() + ": " + conversation.messages() + " from "
                + names(conversation.authors());
    }

    /** "A", "A and B", "A, B and C", "A, B, C and 2 others". */
    static String names(List<String> authors) {
        if (authors.size() > NAMED_AUTHORS) {
            int others = authors.size() - NAMED_AUTHORS;
            return String.join(", ", authors.subList(0, NAMED_AUTHORS)) + " and " + others
                    + (others == 1 ? " other" : " others");
        }
        if (authors.size() == 1) {
            return authors.get(0);
        }
        return String.join(", ", authors.subList(0, authors.size() - 1)) + " and " + authors.get(authors.size() - 1);
    }
}
