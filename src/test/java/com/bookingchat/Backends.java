package com.bookingchat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * An application's PostgreSQL backends, found by the application name its connections give and ended from a
 * connection outside its pool, as an RDS failover, an RDS Proxy idle cut or a restart ends them.
 */
public final class Backends {

    private Backends() {
    }

    /**
     * Terminates every backend of {@code applicationName} and waits until PostgreSQL has removed them, so the
     * application's next request meets connections that are already gone.
     *
     * @return how many backends were terminated
     */
    public static long terminate(String applicationName) throws SQLException, InterruptedException {
        long terminated = query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?",
                applicationName);
        for (int i = 0; i < 100 && query("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", applicationName) > 0; i++) {
            Thread.sleep(20);
        }
        return terminated;
    }

    private static long query(String sql, String applicationName) throws SQLException {
        try (Connection outside = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
                PreparedStatement statement = outside.prepareStatement(sql)) {
            statement.setString(1, applicationName);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
