package com.bookingchat.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Credentials reach the configuration from Secrets Manager through the Lambda extension, and only from there. */
class SecretsManagerConfigSourceFactoryTest {

    private static final String TOKEN = "session-token-of-this-function";
    private static final String DATABASE_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/db-AbCdEf";
    private static final String TWILIO_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/twilio-GhIjKl";
    private static final String MAIL_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/mail-MnOpQr";

    private static final String ERASURE_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/erasure-MnOpQr";

    private FakeSecretsExtension extension;

    @BeforeEach
    void startExtension() {
        extension = FakeSecretsExtension.start(TOKEN, Map.of(
                DATABASE_ARN, "{\"engine\":\"postgres\",\"username\":\"booking_chat_app\",\"password\":\"db-secret\"}",
                TWILIO_ARN, "{\"accountSid\":\"AC0123\",\"authToken\":\"twilio-secret\",\"apiKeySid\":\"SK0123\"}",
                ERASURE_ARN, "{\"digestKey\":\"erasure-digest-key-of-at-least-32-chars\"}",
                MAIL_ARN, "{\"username\":\"AKIASMTP\",\"password\":\"smtp-secret\",\"unsubscribeKey\":\"k-0123456789abcdef0123456789abcdef\"}"));
    }

    @AfterEach
    void stopExtension() {
        extension.close();
    }

    @Test
    void credentialsComeFromTheSecretsTheFunctionIsGiven() {
        SmallRyeConfig config = config(Map.of(
                SecretsManagerConfigSourceFactory.DATABASE_SECRET_ARN, DATABASE_ARN,
                SecretsManagerConfigSourceFactory.TWILIO_SECRET_ARN, TWILIO_ARN), Duration.ofSeconds(1));

        assertEquals("booking_chat_app", config.getRawValue("quarkus.datasource.username"));
        assertEquals("db-secret", config.getRawValue("quarkus.datasource.password"));
        assertEquals("AC0123", config.getRawValue("twilio.account-sid"));
        assertEquals("twilio-secret", config.getRawValue("twilio.auth-token"));
        assertEquals("SK0123", config.getRawValue("twilio.api-key-sid"));
        assertEquals(2, extension.reads());
    }

    @Test
    void theErasureFunctionGetsItsDigestKeyFromTheErasureSecret() {
        SmallRyeConfig config = config(Map.of(
                SecretsManagerConfigSourceFactory.DATABASE_SECRET_ARN, DATABASE_ARN,
                SecretsManagerConfigSourceFactory.ERASURE_SECRET_ARN, ERASURE_ARN), Duration.ofSeconds(1));

        assertEquals("erasure-digest-key-of-at-least-32-chars", config.getRawValue("booking-chat.erasure.digest-key"));
        assertFalse(config.getOptionalValue("twilio.auth-token", String.class).isPresent());
        assertEquals(2, extension.reads());
    }

    @Test
    void theMailSecretGivesTheSmtpCredentialsAndTheUnsubscribeKey() {
        SmallRyeConfig config = config(Map.of(SecretsManagerConfigSourceFactory.MAIL_SECRET_ARN, MAIL_ARN),
                Duration.ofSeconds(1));

        assertEquals("AKIASMTP", config.getRawValue("quarkus.mailer.username"));
        assertEquals("smtp-secret", config.getRawValue("quarkus.mailer.password"));
        assertEquals("k-0123456789abcdef0123456789abcdef", config.getRawValue("booking-chat.notifications.unsubscribe-key"));
        assertFalse(config.getOptionalValue("twilio.auth-token", String.class).isPresent());
        assertEquals(1, extension.reads());
    }

    @Test
    void aFunctionWithoutTheTwilioSecretGetsNoTwilioCredentials() {
        SmallRyeConfig config = config(Map.of(SecretsManagerConfigSourceFactory.DATABASE_SECRET_ARN, DATABASE_ARN),
                Duration.ofSeconds(1));

        assertEquals("db-secret", config.getRawValue("quarkus.datasource.password"));
        assertFalse(config.getOptionalValue("twilio.auth-token", String.class).isPresent());
        assertEquals(1, extension.reads());
    }

    @Test
    void nothingIsReadWhereNoSecretIsConfigured() {
        SmallRyeConfig config = config(Map.of(), Duration.ofSeconds(1));

        assertFalse(config.getOptionalValue("quarkus.datasource.password", String.class).isPresent());
        assertEquals(0, extension.reads());
    }

    @Test
    void anExtensionThatIsStillStartingIsWaitedFor() {
        extension.notReadyFor(3);

        SmallRyeConfig config = config(Map.of(SecretsManagerConfigSourceFactory.DATABASE_SECRET_ARN, DATABASE_ARN),
                Duration.ofSeconds(2));

        assertEquals("db-secret", config.getRawValue("quarkus.datasource.password"));
    }

    @Test
    void aSecretThatCannotBeReadStopsTheStartWithoutRevealingAnySecret() {
        String missing = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:not-there-XyZ";

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> config(
                Map.of(SecretsManagerConfigSourceFactory.DATABASE_SECRET_ARN, missing), Duration.ofMillis(200)));

        assertTrue(failure.getMessage().contains(missing), failure.getMessage());
        assertTrue(failure.getMessage().contains("ResourceNotFoundException"), failure.getMessage());
    }

    @Test
    void anExplicitEnvironmentValueStillWinsOverTheSecret() {
        Map<String, String> properties = new HashMap<>(Map.of(
                SecretsManagerConfigSourceFactory.DATABASE_SECRET_ARN, DATABASE_ARN));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(lambdaEnvironment(properties), "lambda environment", 300))
                .withSources(new PropertiesConfigSource(Map.of("quarkus.datasource.password", "from-env"), "env", 300))
                .withSources(new SecretsManagerConfigSourceFactory(Duration.ofSeconds(1)))
                .build();

        assertEquals("from-env", config.getRawValue("quarkus.datasource.password"));
        assertEquals("booking_chat_app", config.getRawValue("quarkus.datasource.username"));
    }

    private SmallRyeConfig config(Map<String, String> secretArns, Duration patience) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(lambdaEnvironment(new HashMap<>(secretArns)), "lambda environment", 300))
                .withSources(new SecretsManagerConfigSourceFactory(patience))
                .build();
    }

    /** What Lambda and the template put into a function's environment besides the secret ARNs. */
    private Map<String, String> lambdaEnvironment(Map<String, String> properties) {
        properties.put(SecretsManagerConfigSourceFactory.EXTENSION_PORT, String.valueOf(extension.port()));
        properties.put(SecretsManagerConfigSourceFactory.SESSION_TOKEN, TOKEN);
        return properties;
    }
}
