package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Backends;
import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.TestSchema;
import com.bookingchat.infra.SamTemplate;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A connection PostgreSQL dropped between two invocations (an RDS failover, an RDS Proxy idle cut, a restart)
 * is replaced before a request uses it, with the pool the functions are deployed with, whatever the time
 * since the connection was last used. The backend is terminated from a connection outside the pool, which
 * with the template's single connection is the only way to reach it, and gone before the next request.
 */
@QuarkusTest
@TestProfile(DatabaseConnectionTest.AsDeployed.class)
class DatabaseConnectionTest {

    /**
     * The template's own pool settings and JDBC driver options, read from infra/template.yaml. As deployed, the
     * schema is migrated before the function starts: Flyway needs a second connection the one-connection pool
     * does not have.
     */
    public static class AsDeployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            SamTemplate template = SamTemplate.read();
            Map<String, String> overrides = new TreeMap<>(template.databasePoolProperties());
            overrides.put("quarkus.datasource.jdbc.url", TestSchema.url(TestSchema.name()) + "&" + template.jdbcUrlOptions());
            overrides.put("quarkus.flyway.migrate-at-start", "false");
            overrides.put("quarkus.flyway.clean-at-start", "false");
            return overrides;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MigratedBeforeStart.class));
        }
    }

    /** The deploy step: the schema migrated from outside the function before it starts. */
    public static class MigratedBeforeStart implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TestSchema.recreate(TestSchema.name());
            return Map.of();
        }

        @Override
        public void stop() {
            // the next test's start recreates the schema
        }
    }

    @Inject
    Fixtures fixtures;

    @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName")
    String applicationName;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int maxSize;

    private String sid;

    @BeforeEach
    void oneConversationWithOneMessage() {
        sid = fixtures.resetWithSeedConversationAndMessage();
    }

    @Test
    void theFunctionsRunWithTheTemplatesPool() {
        assertEquals(SamTemplate.read().databasePool().get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"), String.valueOf(maxSize));
    }

    @Test
    void everyRouteAnswersOnAFreshConnectionRightAfterItsBackendWasTerminated() throws Exception {
        Map<String, Supplier<Reply>> calls = new LinkedHashMap<>();
        calls.put("inbox", () -> Lambda.get(PROVIDER, "/conversations"));
        calls.put("history", () -> Lambda.get(PROVIDER, "/conversations/" + sid + "/messages"));
        calls.put("send", () -> Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"still here?\"}"));
        calls.put("mark as read", () -> Lambda.post(PROVIDER, "/conversations/" + sid + "/read", null));
        calls.put("create", () -> Lambda.post(CUSTOMER, "/bookings/booking-9/conversations", Fixtures.SEED_CREATE));

        for (var call : calls.entrySet()) {
            assertEquals(1, Backends.terminate(applicationName), "the pool should hold its one connection before " + call.getKey());

            Reply reply = call.getValue().get();

            assertTrue(reply.status() < 300, call.getKey() + " answered " + reply.status() + ": " + reply.body());
        }
        assertEquals(0, Lambda.get(PROVIDER, "/conversations").json().getInt("totalUnread"));
        assertEquals(2, fixtures.count("message_notifications"));
    }
}
