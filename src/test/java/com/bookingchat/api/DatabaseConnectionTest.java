package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;

import io.quarkus.test.junit.QuarkusTest;

/** A connection PostgreSQL dropped while the function was frozen is replaced before a request uses it. */
@QuarkusTest
class DatabaseConnectionTest {

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void cleanSlate() {
        fixtures.reset();
    }

    @Test
    void aBackendTerminatedBetweenInvocationsIsReplacedWithoutAnError() throws InterruptedException {
        String sid = Lambda.post(CUSTOMER, "/bookings/booking-123/conversations", Fixtures.SEED_CREATE).json()
                .getString("conversationSid");

        long killed = fixtures.queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = current_setting('application_name') AND pid <> pg_backend_pid()");
        assertTrue(killed >= 1, "the pool held no connection to terminate");
        // the function stays frozen longer than the idle time after which a borrowed connection is checked
        Thread.sleep(1200);

        assertEquals(201, Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"still here?\"}")
                .status());
        assertEquals(1, Lambda.get(PROVIDER, "/conversations").json().getInt("totalUnread"));
    }
}
