package com.bookingchat.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.ConfigSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Adds the database and Twilio credentials to the configuration at start, read from AWS Secrets Manager
 * through the AWS Parameters and Secrets Lambda Extension on localhost. No credential is then a plain
 * environment value of a function, a rotated secret takes effect at the next cold start, and a function
 * can read only the secrets its IAM role allows. Plain HTTP to the extension keeps the AWS SDK off the
 * classpath and works the same in the native binary.
 * <p>
 * {@value #DATABASE_SECRET_ARN} names a secret in the RDS format ({@code username}, {@code password});
 * {@value #TWILIO_SECRET_ARN} names a JSON object whose every key {@code k} becomes {@code twilio.<k in
 * kebab case>} ({@code accountSid} becomes {@code twilio.account-sid}); {@value #OBSERVABILITY_SECRET_ARN}
 * likewise, under {@code booking-chat.observability.} (the stack's generated {@code userDigestKey}), and
 * {@value #ERASURE_SECRET_ARN} under {@code booking-chat.erasure.} (its {@code digestKey}, the erasure record's
 * HMAC key); {@value #MAIL_SECRET_ARN} names the e-mail digest's secret: the SMTP credentials ({@code username},
 * {@code password}, as Amazon SES issues SMTP credentials) and the key that signs unsubscribe links
 * ({@code unsubscribeKey}). Where none is configured (dev, test, a plain JVM) nothing is added and nothing is
 * called.
 */
public class SecretsManagerConfigSourceFactory implements ConfigSourceFactory {

    static final String DATABASE_SECRET_ARN = "booking-chat.secrets.database-arn";
    static final String TWILIO_SECRET_ARN = "booking-chat.secrets.twilio-arn";
    static final String OBSERVABILITY_SECRET_ARN = "booking-chat.secrets.observability-arn";
    static final String ERASURE_SECRET_ARN = "booking-chat.secrets.erasure-arn";
    static final String MAIL_SECRET_ARN = "booking-chat.secrets.mail-arn";
    /** Named so that the extension's own variable, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, sets it. */
    static final String EXTENSION_PORT = "parameters-secrets-extension.http-port";
    /** Named so that AWS_SESSION_TOKEN sets it: the extension accepts only callers that present it. */
    static final String SESSION_TOKEN = "aws.session-token";
    /** Above application.properties (250) and below environment variables (300), which still win. */
    static final int ORDINAL = 275;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_PORT = 2773;
    /**
     * Lambda starts the runtime as soon as an extension registers, before the extension serves: it refuses
     * connections or answers "not ready" for a moment, so reads are retried for this long.
     */
    private static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(3);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final Duration patience;

    /** The factory the ServiceLoader creates. */
    public SecretsManagerConfigSourceFactory() {
        this(DEFAULT_PATIENCE);
    }

    SecretsManagerConfigSourceFactory(Duration patience) {
        this.patience = patience;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Optional<String> databaseSecret = value(context, DATABASE_SECRET_ARN);
        Optional<String> twilioSecret = value(context, TWILIO_SECRET_ARN);
        Optional<String> observabilitySecret = value(context, OBSERVABILITY_SECRET_ARN);
        Optional<String> erasureSecret = value(context, ERASURE_SECRET_ARN);
        Optional<String> mailSecret = value(context, MAIL_SECRET_ARN);
        if (databaseSecret.isEmpty() && twilioSecret.isEmpty() && observabilitySecret.isEmpty() && erasureSecret.isEmpty()
                && mailSecret.isEmpty()) {
            return List.of();
        }
        int port = value(context, EXTENSION_PORT).map(Integer::parseInt).orElse(DEFAULT_PORT);
        String token = value(context, SESSION_TOKEN).orElseThrow(() -> new IllegalStateException(
                "Reading secrets through the Lambda extension needs AWS_SESSION_TOKEN, which Lambda sets"));
        Map<String, String> properties = new LinkedHashMap<>();
        databaseSecret.ifPresent(arn -> {
            JsonNode secret = read(port, token, arn);
            properties.put("quarkus.datasource.username", field(secret, "username", arn));
            properties.put("quarkus.datasource.password", field(secret, "password", arn));
        });
        twilioSecret.ifPresent(arn -> putAll(properties, "twilio.", read(port, token, arn)));
        observabilitySecret.ifPresent(arn -> putAll(properties, "booking-chat.observability.", read(port, token, arn)));
        erasureSecret.ifPresent(arn -> putAll(properties, "booking-chat.erasure.", read(port, token, arn)));
        mailSecret.ifPresent(arn -> {
            JsonNode secret = read(port, token, arn);
            properties.put("quarkus.mailer.username", field(secret, "username", arn));
            properties.put("quarkus.mailer.password", field(secret, "password", arn));
            properties.put("booking-chat.notifications.unsubscribe-key", field(secret, "unsubscribeKey", arn));
        });
        return List.of(new PropertiesConfigSource(properties, "Secrets Manager through the Lambda extension", ORDINAL));
    }

    private static void putAll(Map<String, String> properties, String prefix, JsonNode secret) {
        secret.fields().forEachRemaining(entry -> properties.put(prefix + kebabCase(entry.getKey()), entry.getValue().asText()));
    }

    private JsonNode read(int port, String token, String arn) {
        URI uri = URI.create("http://localhost:" + port + "/secretsmanager/get?secretId="
                + URLEncoder.encode(arn, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            String failure;
            try {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                connection.setRequestProperty("X-Aws-Parameters-Secrets-Token", token);
                int status = connection.getResponseCode();
                if (status == 200) {
                    try (InputStream body = connection.getInputStream()) {
                        return secretString(JSON.readTree(body), arn);
                    }
                }
                failure = "HTTP " + status + " " + errorText(connection);
            } catch (IOException e) {
                failure = e.toString();
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("Cannot read secret " + arn + " through the Lambda extension on port "
                        + port + ": " + failure);
            }
            pause();
        }
    }

    private static JsonNode secretString(JsonNode answer, String arn) throws IOException {
        JsonNode secretString = answer.get("SecretString");
        if (secretString == null || !secretString.isTextual()) {
            throw new IllegalStateException("Secret " + arn + " has no SecretString");
        }
        JsonNode secret = JSON.readTree(secretString.asText());
        if (!secret.isObject()) {
            throw new IllegalStateException("Secret " + arn + " is not a JSON object");
        }
        return secret;
    }

    /** The extension explains refusals in its body; it never holds the secret then. */
    private static String errorText(HttpURLConnection connection) throws IOException {
        try (InputStream error = connection.getErrorStream()) {
            return error == null ? "" : new String(error.readNBytes(500), StandardCharsets.UTF_8).strip();
        }
    }

    private static String field(JsonNode secret, String name, String arn) {
        JsonNode value = secret.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("Secret " + arn + " has no text field " + name);
        }
        return value.asText();
    }

    static String kebabCase(String key) {
        StringBuilder kebab = new StringBuilder(key.length() + 4);
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? Optional.empty()
                : Optional.of(value.getValue());
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Lambda secrets extension", e);
        }
    }
}
