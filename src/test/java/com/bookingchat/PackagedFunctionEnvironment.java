package com.bookingchat;

import java.util.Map;
import java.util.TreeMap;

import com.bookingchat.infra.SamTemplate;
import com.bookingchat.secrets.FakeSecretsExtension;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What a deployed function finds around it, for the packaged artifact: a database schema of its own,
 * migrated before the function starts (as the deploy step migrates before traffic), its credentials behind
 * the Secrets Manager extension, one pooled connection as the template gives it, and Twilio. The
 * production build has no emulator bean, so the emulator runs in the test JVM and the artifact reaches it
 * through {@code twilio.api-base-url}. The pool and the JDBC driver's timeouts are the template's own.
 */
public class PackagedFunctionEnvironment implements QuarkusTestResourceLifecycleManager {

    private static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    private static final String AUTH_TOKEN = "integration-test-auth-token";
    private static final String SESSION_TOKEN = "integration-test-session-token";
    private static final String DATABASE_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/it-db-AbCdEf";
    private static final String TWILIO_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/it-twilio-GhIjKl";

    /** A schema apart from the @QuarkusTest suite's, following its TEST_DB_SCHEMA so checkouts can run side by side. */
    private static final String SCHEMA = TestSchema.name() + "_it";
    /** How the artifact's connections name themselves to PostgreSQL, so a test can find them and only them. */
    public static final String APPLICATION_NAME = "booking-chat-" + SCHEMA;

    private TwilioEmulator emulator;
    private FakeSecretsExtension secrets;

    @Override
    public Map<String, String> start() {
        TestSchema.recreate(SCHEMA);
        emulator = new TwilioEmulator(ACCOUNT_SID, AUTH_TOKEN).start(0);
        secrets = FakeSecretsExtension.start(SESSION_TOKEN, Map.of(
                DATABASE_SECRET, "{\"username\":\"postgres\",\"password\":\"postgres\"}",
                TWILIO_SECRET, """
                        {"accountSid": "%s", "authToken": "%s",
                         "accessToken.apiKeySid": "SK00000000000000000000000000000000",
                         "accessToken.apiKeySecret": "integration-test-api-key-secret-0"}""".formatted(ACCOUNT_SID, AUTH_TOKEN)));
        SamTemplate template = SamTemplate.read();
        Map<String, String> config = new TreeMap<>(template.databasePoolProperties());
        config.putAll(Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", TestSchema.url(SCHEMA) + "&" + template.jdbcUrlOptions()),
                Map.entry("quarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName", APPLICATION_NAME),
                Map.entry("booking-chat.secrets.database-arn", DATABASE_SECRET),
                Map.entry("booking-chat.secrets.twilio-arn", TWILIO_SECRET),
                Map.entry("parameters-secrets-extension.http-port", String.valueOf(secrets.port())),
                Map.entry("aws.session-token", SESSION_TOKEN),
                Map.entry("twilio.api-base-url", emulator.baseUrl()),
                Map.entry("twilio.access-token.conversations-service-sid", "IS00000000000000000000000000000000"),
                Map.entry("booking-chat.webhook.public-base-url", "https://api.booking-chat.test")));
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(emulator, new TestInjector.MatchesType(TwilioEmulator.class));
        testInjector.injectIntoFields(secrets, new TestInjector.MatchesType(FakeSecretsExtension.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
        if (secrets != null) {
            secrets.close();
        }
    }
}
