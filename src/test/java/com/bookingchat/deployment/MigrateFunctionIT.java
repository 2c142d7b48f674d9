package com.bookingchat.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bookingchat.Lambda;
import com.bookingchat.TestSchema;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.lambda.LocalDeployment;

/**
 * The deploy's steps, run as the stack runs them: the packaged migrate function with exactly its template
 * environment (the database for the migrations, Twilio for the push configuration beside them), given the
 * Migrations and PushConfiguration resources' events.
 */
class MigrateFunctionIT {

    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

    @RegisterExtension
    static final LocalDeployment deployment = new LocalDeployment();

    @Test
    void theMigrateFunctionAppliesEveryMigrationToAnEmptyDatabase() throws Exception {
        Map<String, String> environment = deployment.environment("MigrateFunction");
        // the Twilio settings are there for the push configuration step; the migrations do not ask for them
        // (SettingsCheckTest: the migrate role needs the database settings alone)
        assertTrue(environment.keySet().stream().noneMatch(name -> name.equals("BOOKING_CHAT_SECRETS_OBSERVABILITY_ARN")
                || name.contains("WEBHOOK") || name.contains("DIGEST")),
                "the migrate function is given nothing of the other functions: " + environment.keySet());
        execute("DROP SCHEMA " + schema() + " CASCADE; CREATE SCHEMA " + schema());
        String event = Files.readString(Path.of("infra", "events", "migrate.json"));

        Reply first = Lambda.invoke(event);

        assertEquals(200, first.status(), first.body());
        int migrations = migrationFiles();
        assertEquals(migrations, first.json().getInt("migrationsApplied"), first.body());
        assertEquals(null, first.json().getString("schemaVersionBefore"), "the database was empty");
        assertEquals(latestVersion(), first.json().getString("schemaVersion"));
        assertEquals(migrations, count("flyway_schema_history WHERE success"));
        assertTrue(tables().containsAll(List.of("conversation_metadata", "conversation_participants", "message_notifications",
                "idempotency_keys")), tables().toString());

        Reply again = Lambda.invoke(event);

        assertEquals(200, again.status(), again.body());
        assertEquals(0, again.json().getInt("migrationsApplied"), "applying twice changes nothing");
        assertEquals(latestVersion(), again.json().getString("schemaVersion"));
    }

    @Test
    void thePushConfigurationStepSetsTwilioOnceAndThenChangesNothing() throws Exception {
        String event = Files.readString(Path.of("infra", "events", "push-configuration.json"));
        String notifications = "/Services/" + LocalDeployment.CONVERSATIONS_SERVICE_SID + "/Configuration/Notifications$";
        int writesBefore = deployment.emulator().requestCount("POST", notifications);

        Reply first = Lambda.invoke(event);
        Reply again = Lambda.invoke(event);

        assertEquals(200, first.status(), first.body());
        assertEquals(200, again.status(), again.body());
        assertEquals(false, again.json().getBoolean("changed"), again.body());
        assertEquals("New message from ${PARTICIPANT} about ${CONVERSATION}",
                again.json().getString("settings.newMessageTemplate"), "the template's default hides the message");
        assertTrue(deployment.emulator().requestCount("POST", notifications) - writesBefore <= 1,
                "at most the first application writes");
    }

    @Test
    void theMigrationsNeedNothingButTheDatabaseSettings() throws Exception {
        deployment.stop("MigrateFunction");
        deployment.withOnlyVariables("MigrateFunction", name -> name.startsWith("QUARKUS_DATASOURCE_")
                || name.equals("BOOKING_CHAT_SECRETS_DATABASE_ARN") || name.equals("BOOKING_CHAT_FUNCTION")
                || name.equals("QUARKUS_FLYWAY_ACTIVE") || name.equals("QUARKUS_HIBERNATE_ORM_ACTIVE")
                || name.equals("JAVA_TOOL_OPTIONS") || name.equals("DISABLE_SIGNAL_HANDLERS"));
        try {
            execute("DROP SCHEMA " + schema() + " CASCADE; CREATE SCHEMA " + schema());

            Reply migrated = Lambda.invoke(Files.readString(Path.of("infra", "events", "migrate.json")));

            assertEquals(200, migrated.status(), migrated.body());
            assertEquals(migrationFiles(), migrated.json().getInt("migrationsApplied"), migrated.body());
        } finally {
            deployment.stop("MigrateFunction");
            deployment.withOnlyVariables("MigrateFunction", name -> true);
        }
    }

    @Test
    void theDeployRoutesAreNotReachableWithAnApiGatewayEvent() {
        for (String route : List.of("/internal/deployment/migrations", "/internal/deployment/push-configuration")) {
            String apiEvent = Lambda.event(Lambda.CUSTOMER, "POST", route, null, Map.of()).toString();

            Reply reply = Lambda.invoke(apiEvent);

            assertEquals(404, reply.status(), route + ": " + reply.body());
        }
    }

    @Test
    void aFunctionMissingASettingOfWhatItServesRefusesToStartAndNamesIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> deployment.withParameter("DigestMessagingServiceSid", " ").function("DigestFunction"));
        deployment.withParameter("DigestMessagingServiceSid", LocalDeployment.MESSAGING_SERVICE_SID);
        assertTrue(refused.getMessage().contains("booking-chat.digest.messaging-service-sid (environment BOOKING_CHAT_DIGEST_MESSAGING_SERVICE_SID"),
                refused.getMessage());
        assertFalse(deployment.function("DigestFunction").log().contains("cannot start"), "with the setting back it starts");
    }

    private static String schema() {
        return TestSchema.name() + "_deployed";
    }

    private static int migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V[0-9_]+__.*\\.sql")).count();
        }
    }

    private static String latestVersion() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .map(n -> MigrationVersion.fromVersion(n.substring(1, n.indexOf("__"))))
                    .max(Comparator.naturalOrder())
                    .orElseThrow().getVersion();
        }
    }

    private static List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = deployment.database();
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema() + "'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static int count(String fromWhere) throws SQLException {
        try (Connection connection = deployment.database();
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + fromWhere)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = deployment.database()) {
            connection.createStatement().execute(sql);
        }
    }
}
