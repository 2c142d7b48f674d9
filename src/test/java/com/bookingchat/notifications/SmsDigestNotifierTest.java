package com.bookingchat.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.bookingchat.notifications.DigestNotifier.ConversationUnread;
import com.bookingchat.notifications.DigestNotifier.Digest;

/** The digest's SMS text: readable names, and never longer than Twilio accepts. */
class SmsDigestNotifierTest {

    @Test
    void authorsAreNamedUpToThreeAndCountedBeyond() {
        Digest digest = new Digest("customer-1", "+14155550100", List.of(
                new ConversationUnread("b-1", 1, List.of("Ann")),
                new ConversationUnread("b-2", 2, List.of("Ann", "Bob")),
                new ConversationUnread("b-3", 3, List.of("Ann", "Bob", "Cy")),
                new ConversationUnread("b-4", 4, List.of("Ann", "Bob", "Cy", "Dee")),
                new ConversationUnread("b-5", 5, List.of("Ann", "Bob", "Cy", "Dee", "Eve"))));

        assertEquals("""
                You have 15 unread messages in booking chat:
                - Booking b-1: 1 from Ann
                - Booking b-2: 2 from Ann and Bob
                - Booking b-3: 3 from Ann, Bob and Cy
                - Booking b-4: 4 from Ann, Bob, Cy and 1 other
                - Booking b-5: 5 from Ann, Bob, Cy and 2 others""", SmsDigestNotifier.text(digest));
    }

    @Test
    void conversationsThatDoNotFitInOneMessageAreCounted() {
        String name = "N".repeat(256);
        List<ConversationUnread> many = IntStream.range(0, 40)
                .mapToObj(i -> new ConversationUnread("booking-" + "9".repeat(100) + i, 1, List.of(name)))
                .toList();

        String text = SmsDigestNotifier.text(new Digest("customer-1", "+14155550100", many));

        assertTrue(text.length() <= SmsDigestNotifier.MAX_BODY, text.length() + " characters");
        int listed = text.split("\n- Booking ", -1).length - 1;
        assertTrue(listed > 0 && listed < 40, text);
        assertTrue(text.endsWith("\n- and " + (40 - listed) + " more conversations"), text);
    }
}
