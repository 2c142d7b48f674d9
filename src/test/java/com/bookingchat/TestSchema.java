package com.bookingchat;

import java.util.Optional;

import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL schemas a checkout's tests own ({@code TEST_DB_SCHEMA}, so checkouts can run side by side),
 * and their migration the way the deploy step runs it: once, before any function starts, from outside the
 * functions' one-connection pool.
 */
public final class TestSchema {

    private TestSchema() {
    }

    /** The @QuarkusTest suite's schema; others are named after it. */
    public static String name() {
        return Optional.ofNullable(System.getenv("TEST_DB_SCHEMA")).orElse("booking_chat_test");
    }

    public static String url(String schema) {
        return "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema;
    }

    /** Empties the schema and applies every migration. */
    public static void recreate(String schema) {
        Flyway flyway = Flyway.configure().dataSource(url(schema), "postgres", "postgres").schemas(schema)
                .locations("classpath:db/migration").cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
    }
}
