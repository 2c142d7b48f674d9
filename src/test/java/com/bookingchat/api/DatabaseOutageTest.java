package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** PostgreSQL unreachable: every route answers 503 DATABASE_UNAVAILABLE before Twilio is touched. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.NothingListens.class)
class DatabaseOutageTest {

    /** The datasource points at a port where no PostgreSQL listens, as if the server were stopped. */
    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:9/postgres",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.clean-at-start", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none",
                    "quarkus.hibernate-orm.database.version-check.enabled", "false");
        }
    }

    @Inject
    TwilioEmulator emulator;

    @Test
    void everyRouteAnswers503WithoutCallingTwilio() {
        String sid = "CH" + "1".repeat(32);
        Reply[] replies = {
            Lambda.post(CUSTOMER, "/bookings/booking-123/conversations", Fixtures.SEED_CREATE),
            Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"hello\"}"),
            Lambda.get(CUSTOMER, "/conversations"),
            Lambda.get(CUSTOMER, "/conversations/" + sid + "/messages"),
            Lambda.post(CUSTOMER, "/conversations/" + sid + "/read", null) };

        for (Reply reply : replies) {
            assertEquals(503, reply.status(), reply.body());
            assertEquals("DATABASE_UNAVAILABLE", reply.code());
            assertEquals("1", reply.header("Retry-After"));
            assertFalse(reply.body().contains("Exception"), reply.body());
        }
        assertEquals(0, emulator.exchanges().size());
    }
}
