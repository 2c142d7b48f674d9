package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;

import io.quarkus.test.junit.QuarkusTest;

/** History pages through Twilio's pages; the inbox pages by activity with a keyset cursor. */
@QuarkusTest
class HistoryAndInboxPagingTest {

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void cleanSlate() {
        fixtures.reset();
    }

    @Test
    void historyOf120MessagesReadsInThreePagesOf50InEitherOrder() {
        String sid = create("booking-123");
        for (int i = 0; i < 120; i++) {
            assertEquals(201, Lambda.post(i % 2 == 0 ? CUSTOMER : PROVIDER, "/conversations/" + sid + "/messages",
                    "{\"body\":\"message " + i + "\"}").status());
        }

        assertEquals(IntStream.range(0, 120).boxed().toList(), readAll(sid, "asc", List.of(50, 50, 20)));
        assertEquals(IntStream.range(0, 120).map(i -> 119 - i).boxed().toList(), readAll(sid, "desc", List.of(50, 50, 20)));
    }

    @Test
    void inboxListsMostRecentActivityFirstAcrossPages() throws InterruptedException {
        String first = create("booking-1");
        String second = create("booking-2");
        String third = create("booking-3");
        // Twilio stamps messages to the second; let the messages be clearly later than the creates.
        Thread.sleep(1100);
        Lambda.post(CUSTOMER, "/conversations/" + first + "/messages", "{\"body\":\"now the most recent\"}");
        Lambda.post(CUSTOMER, "/conversations/" + first + "/messages", "{\"body\":\"and unread twice\"}");

        Reply page1 = Lambda.get(PROVIDER, "/conversations?limit=2");
        assertEquals(List.of(first, third), page1.json().getList("conversations.conversationSid"));
        assertEquals(List.of(2, 0), page1.json().getList("conversations.unreadCount"));
        assertEquals(2, page1.json().getInt("totalUnread"));
        String cursor = page1.json().getString("nextCursor");
        assertNotNull(cursor);

        Reply page2 = Lambda.get(PROVIDER, "/conversations?limit=2&cursor=" + cursor);
        assertEquals(List.of(second), page2.json().getList("conversations.conversationSid"));
        assertEquals(2, page2.json().getInt("totalUnread"));
        assertNull(page2.json().get("nextCursor"));
    }

    @Test
    void anEmptyInboxHasNoConversationsAndNoUnread() {
        Reply reply = Lambda.get(PROVIDER, "/conversations");

        assertEquals(200, reply.status());
        assertEquals(List.of(), reply.json().getList("conversations"));
        assertEquals(0, reply.json().getInt("totalUnread"));
    }

    private List<Integer> readAll(String sid, String order, List<Integer> expectedSizes) {
        List<Integer> indexes = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            Reply page = Lambda.get(CUSTOMER, "/conversations/" + sid + "/messages?limit=50&order=" + order
                    + (token == null ? "" : "&pageToken=" + token));
            assertEquals(200, page.status(), page.body());
            List<Integer> pageIndexes = page.json().getList("messages.index", Integer.class);
            sizes.add(pageIndexes.size());
            indexes.addAll(pageIndexes);
            token = page.json().getString("nextPageToken");
        } while (token != null);
        assertEquals(expectedSizes, sizes);
        return indexes;
    }

    private static String create(String bookingId) {
        return Lambda.post(CUSTOMER, "/bookings/" + bookingId + "/conversations", Fixtures.SEED_CREATE).json()
                .getString("conversationSid");
    }
}
