package com.bookingchat.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Before a SnapStart snapshot no PostgreSQL connection may stay in the pool, and the first request after the
 * restore must simply open a new one. The hook is called here as SnapStart's runtime calls it; the
 * connections are counted on the server, from a connection outside the pool.
 */
@QuarkusTest
class PoolFlushBeforeSnapshotTest {

    @Inject
    Fixtures fixtures;

    @Inject
    PoolFlushBeforeSnapshot hook;

    @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName")
    String applicationName;

    @Test
    void theSnapshotHoldsNoDatabaseConnectionAndTheNextRequestOpensOne() throws Exception {
        fixtures.resetWithSeedConversation();
        assertTrue(serverConnections() > 0, "the requests so far left a pooled connection open");

        hook.beforeCheckpoint(null);

        assertEquals(0, serverConnectionsOnceSettled());
        assertEquals(200, Lambda.get(Lambda.CUSTOMER, "/conversations").status());
        assertTrue(serverConnections() > 0);
    }

    /** A closed connection's server process may linger for a moment. */
    private long serverConnectionsOnceSettled() throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        long count;
        while ((count = serverConnections()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return count;
    }

    private long serverConnections() throws SQLException {
        try (Connection counter = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
                PreparedStatement query = counter.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            query.setString(1, applicationName);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
