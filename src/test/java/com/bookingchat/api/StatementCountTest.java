package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The SQL budget of each operation, counted by Hibernate's statistics, so a change that adds a query
 * to a hot path fails here rather than on the bill.
 */
@QuarkusTest
class StatementCountTest {

    @Inject
    Fixtures fixtures;

    @Inject
    SessionFactory sessionFactory;

    private String sid;

    @BeforeEach
    void aBusyInbox() {
        fixtures.reset();
        for (int i = 0; i < 25; i++) {
            String conversation = Lambda.post(CUSTOMER, "/bookings/booking-" + i + "/conversations",
                    Fixtures.SEED_CREATE).json().getString("conversationSid");
            Lambda.post(CUSTOMER, "/conversations/" + conversation + "/messages", "{\"body\":\"hello " + i + "\"}");
            sid = conversation;
        }
    }

    @Test
    void theInboxIsOneStatementPerPage() {
        Reply first = Lambda.get(PROVIDER, "/conversations?limit=10");
        long firstPage = statements(() -> Lambda.get(PROVIDER, "/conversations?limit=10"));
        long deepPage = statements(() -> Lambda.get(PROVIDER, "/conversations?limit=10&cursor="
                + first.json().getString("nextCursor")));

        assertEquals(1, firstPage);
        assertEquals(1, deepPage);
    }

    /**
     * The rate limit is a statement of its own (README "Flood control"): it must come before Twilio and commit
     * on its own, and folding it into the membership read would turn that read into a write for strangers too.
     */
    @Test
    void sendIsOneMembershipReadOneRateLimitStatementThenTwoWritesAfterTwilio() {
        long send = statements(() -> Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"hi\"}"));

        assertEquals(4, send);
    }

    @Test
    void markAsReadIsTwoStatements() {
        long read = statements(() -> Lambda.post(PROVIDER, "/conversations/" + sid + "/read", null));

        assertEquals(2, read);
    }

    @Test
    void historyReadsMembershipAndParticipantsOnly() {
        long history = statements(() -> Lambda.get(PROVIDER, "/conversations/" + sid + "/messages"));

        assertTrue(history <= 2, history + " statements");
    }

    private long statements(Supplier<Reply> operation) {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        Reply reply = operation.get();
        assertTrue(reply.status() < 300, reply.body());
        return statistics.getPrepareStatementCount();
    }
}
