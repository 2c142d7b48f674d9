package com.bookingchat.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.bookingchat.Lambda;
import com.bookingchat.TestSchema;
import com.bookingchat.infra.SamTemplate;
import com.bookingchat.secrets.FakeSecretsExtension;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * infra/template.yaml deployed on this machine from target/function.zip, whichever build it holds (JVM or
 * native): each function runs in a process of its own, started on first use as Lambda starts an execution
 * environment, with exactly the environment the template gives it for this deployment's parameters. Around
 * the functions stands what a deployed function finds: a database schema migrated before traffic (the
 * README's deploy step), the Secrets Manager extension holding the database and Twilio secrets, Twilio (the
 * emulator, behind the TwilioApiBaseUrl parameter), and API Gateway's routing: {@link Lambda}'s requests
 * reach the function whose event names their route while this deployment is registered with
 * {@code @RegisterExtension}. The functions stop after the test class.
 */
public final class LocalDeployment implements BeforeAllCallback, AfterAllCallback {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    private static final String AUTH_TOKEN = "deployed-test-auth-token";
    public static final String API_KEY_SID = "SK00000000000000000000000000000000";
    public static final String API_KEY_SECRET = "deployed-test-api-key-secret-0000";
    public static final String CONVERSATIONS_SERVICE_SID = "IS00000000000000000000000000000000";
    public static final String MESSAGING_SERVICE_SID = "MG00000000000000000000000000000000";
    public static final String PUBLIC_BASE_URL = "https://api.booking-chat.test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION_TOKEN = "deployed-test-session-token";
    private static final String DATABASE_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/db-AbCdEf";
    private static final String TWILIO_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/twilio-GhIjKl";
    private static final String MAIL_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/mail-StUvWx";
    /** The test profile's key, so the unsubscribe link of infra/events is genuine here too. */
    private static final String UNSUBSCRIBE_KEY = "not-a-secret-for-dev-and-tests-00";
    /** What CloudFormation would return for the stack's generated LogDigestKeySecret, and the key it would generate. */
    private static final String LOG_DIGEST_KEY_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/dev/log-digest-key-MnOpQr";
    public static final String USER_DIGEST_KEY = "deployed-test-user-digest-key-000000000000000000";
    private static final String ERASURE_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:booking-chat/erasure-MnOpQr";
    private static final Path WORK_DIR = Path.of("target", "deployment");
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    /** What API Gateway answers itself: no route, or a function that failed. */
    private static final String NOT_FOUND = "{\"statusCode\":404,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{\\\"message\\\":\\\"Not Found\\\"}\"}";
    private static final String INTERNAL_ERROR = "{\"statusCode\":500,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{\\\"message\\\":\\\"Internal Server Error\\\"}\"}";

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final Map<String, DeployedFunction> running = new ConcurrentHashMap<>();
    private List<String> everyFunctionOptions = List.of();
    private final Map<String, java.util.function.Predicate<String>> variableFilters = new ConcurrentHashMap<>();
    private final AtomicInteger environments = new AtomicInteger();
    private SamTemplate template;
    private String schema;
    private TwilioEmulator emulator;
    private FakeSecretsExtension secrets;

    /** Gives a template parameter a value of this deployment's own. */
    public LocalDeployment withParameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    /**
     * Starts a function with these options: JVM options for the JVM build, arguments of the executable for the
     * native build ({@code -Dname=value} sets a system property in both).
     */
    public LocalDeployment withOptions(String function, String... functionOptions) {
        options.put(function, List.of(functionOptions));
        return this;
    }

    /**
     * Starts a function with only those of its template variables this keeps (what Lambda and the secrets layer add
     * stays), as an operator running it with fewer settings would.
     */
    public LocalDeployment withOnlyVariables(String function, java.util.function.Predicate<String> keep) {
        variableFilters.put(function, keep);
        return this;
    }

    /** Starts every function with these options (as {@link #withOptions}), unless it was given its own. */
    public LocalDeployment withOptionsForEveryFunction(String... functionOptions) {
        everyFunctionOptions = List.of(functionOptions);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        template = SamTemplate.read();
        PackagedFunction.unpack(Path.of("target", "function.zip"), WORK_DIR);
        // Failsafe says which build was asked for, so a stale zip of the other build cannot pass in its place.
        String expected = System.getProperty("booking-chat.expected-build");
        if (expected != null && !expected.equals(isNative() ? "native" : "jvm")) {
            throw new IllegalStateException("target/function.zip holds the " + (isNative() ? "native" : "JVM")
                    + " build, but this run builds " + expected);
        }
        // a schema apart from the @QuarkusTest suite's, following TEST_DB_SCHEMA so checkouts can run side by side
        schema = TestSchema.name() + "_deployed";
        TestSchema.recreate(schema);
        emulator = new TwilioEmulator(ACCOUNT_SID, AUTH_TOKEN).start(0);
        secrets = FakeSecretsExtension.start(SESSION_TOKEN, Map.of(
                DATABASE_SECRET, "{\"username\":\"postgres\",\"password\":\"postgres\"}",
                TWILIO_SECRET, """
                        {"accountSid": "%s", "authToken": "%s",
                         "accessToken.apiKeySid": "%s", "accessToken.apiKeySecret": "%s"}"""
                        .formatted(ACCOUNT_SID, AUTH_TOKEN, API_KEY_SID, API_KEY_SECRET),
                LOG_DIGEST_KEY_SECRET, "{\"userDigestKey\": \"" + USER_DIGEST_KEY + "\"}",
                ERASURE_SECRET, "{\"digestKey\": \"deployed-test-erasure-digest-key-000\"}",
                MAIL_SECRET, """
                        {"username": "smtp-user", "password": "smtp-password", "unsubscribeKey": "%s"}"""
                        .formatted(UNSUBSCRIBE_KEY)));
        Lambda.through(this::route);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Lambda.through(null);
        running.keySet().forEach(this::stop);
        if (emulator != null) {
            emulator.close();
        }
        if (secrets != null) {
            secrets.close();
        }
    }

    /** Whether the zip holds the native build. */
    public boolean isNative() {
        return PackagedFunction.isNative(WORK_DIR);
    }

    public TwilioEmulator emulator() {
        return emulator;
    }

    public FakeSecretsExtension secrets() {
        return secrets;
    }

    /** A connection to the deployment's database schema, for arranging and checking rows. */
    public Connection database() {
        try {
            return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The running function with this logical id, started now if it is not running. */
    public DeployedFunction function(String logicalId) {
        return running.computeIfAbsent(logicalId, id -> start(id, id));
    }

    /**
     * One more execution environment of a function, as Lambda starts beside a busy one under concurrent load;
     * requests reach it only through {@link DeployedFunction#invoke}, and the caller closes it.
     */
    public DeployedFunction anotherEnvironment(String logicalId) {
        return start(logicalId, logicalId + "-" + environments.incrementAndGet());
    }

    /** What each running function has written so far, by logical id. */
    public Map<String, String> logs() {
        Map<String, String> logs = new java.util.TreeMap<>();
        running.forEach((id, function) -> logs.put(id, function.log()));
        return logs;
    }

    /** Stops a function, so that its next use is a cold start. */
    public void stop(String logicalId) {
        DeployedFunction function = running.remove(logicalId);
        if (function != null) {
            function.close();
        }
    }

    /** The environment the template gives a function in this deployment. */
    public Map<String, String> environment(String logicalId) {
        Map<String, String> values = new LinkedHashMap<>(Map.of(
                "Build", isNative() ? "native" : "jvm",
                "JwtIssuer", "https://issuer.booking-chat.test",
                "DatabaseEndpoint", "127.0.0.1",
                "DatabaseName", "postgres",
                "DatabaseSecretArn", DATABASE_SECRET,
                "TwilioSecretArn", TWILIO_SECRET,
                "ConversationsServiceSid", CONVERSATIONS_SERVICE_SID,
                "DigestMessagingServiceSid", MESSAGING_SERVICE_SID,
                "PublicBaseUrl", PUBLIC_BASE_URL,
                "TwilioApiBaseUrl", emulator.baseUrl()));
        values.put("ErasureSecretArn", ERASURE_SECRET);
        values.put("SecretsExtensionLayerArn", "arn:aws:lambda:eu-west-1:123456789012:layer:secrets-extension:1");
        values.put("LogDigestKeySecret", LOG_DIGEST_KEY_SECRET);
        // no participant of the deployed tests gives an e-mail address, so the digest never reaches this host
        values.put("MailSecretArn", MAIL_SECRET);
        values.put("SmtpHost", "127.0.0.1");
        values.put("DigestEmailFrom", "Booking chat <no-reply@booking-chat.test>");
        values.putAll(parameters);
        Map<String, String> environment = new LinkedHashMap<>(template.environment(logicalId, values));
        environment.keySet().removeIf(name -> !variableFilters.getOrDefault(logicalId, kept -> true).test(name));
        // the database name parameter cannot name a schema: the tests' own schema is added to the template's URL,
        // and a name of the function's own, so a test can find (and end) its connections
        environment.computeIfPresent("QUARKUS_DATASOURCE_JDBC_URL", (name, url) -> url + "&currentSchema=" + schema
                + "&ApplicationName=" + applicationName(logicalId));
        // what Lambda and the secrets extension layer put into every function's environment
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        environment.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(secrets.port()));
        environment.put("AWS_LAMBDA_FUNCTION_NAME", String.valueOf(template.property(logicalId, "FunctionName", values).orElseThrow()));
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(template.property(logicalId, "MemorySize", values).orElseThrow()));
        return environment;
    }

    /** The application name a function's database connections give PostgreSQL. */
    public String applicationName(String logicalId) {
        return "booking-chat-" + schema + "-" + logicalId;
    }

    /** Hands an event to the function whose route it is, as API Gateway does, and returns its answer. */
    private String route(String event) {
        JsonNode request = readJson(event);
        String method = request.path("requestContext").path("http").path("method").asText();
        String path = request.path("rawPath").asText();
        Optional<String> function = template.functionFor(method, path);
        if (function.isEmpty()) {
            return NOT_FOUND;
        }
        // API Gateway names the route's template, not the path, in both route keys
        String routeKey = template.routeKeyFor(method, path).orElseThrow();
        ((ObjectNode) request).put("routeKey", routeKey);
        if (request.path("requestContext") instanceof ObjectNode context) {
            context.put("routeKey", routeKey);
        }
        return function(function.get()).invoke(request.toString());
    }

    /** A new execution environment of the function, logging to {@code logName}.log. */
    private DeployedFunction start(String logicalId, String logName) {
        try {
            return new DeployedFunction(logicalId, logName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jdbcUrl() {
        return TestSchema.url(schema);
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One execution environment of a function: its process, its Runtime API, its log. */
    public final class DeployedFunction implements AutoCloseable {

        private final String logicalId;
        private final Duration timeout;
        private final RuntimeApi api = new RuntimeApi();
        private final Process process;
        private final Path log;

        private DeployedFunction(String logicalId, String logName) throws IOException {
            this.logicalId = logicalId;
            this.timeout = Duration.ofSeconds(Long.parseLong(String.valueOf(
                    template.property(logicalId, "Timeout", Map.of()).orElseThrow())));
            this.log = WORK_DIR.resolve(logName + ".log");
            process = PackagedFunction.process(WORK_DIR, api.address(), options.getOrDefault(logicalId, everyFunctionOptions),
                    environment(logicalId))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            long deadline = System.nanoTime() + INIT_TIMEOUT.toNanos();
            while (api.firstPollAt() == 0) {
                if (!process.isAlive() || api.initError() != null || System.nanoTime() > deadline) {
                    String why = api.initError() != null ? "reported " + api.initError()
                            : process.isAlive() ? "took longer than " + INIT_TIMEOUT : "exited with " + process.exitValue();
                    close();
                    throw new IllegalStateException(logicalId + " failed its init: " + why + "\n" + log());
                }
                sleep(5);
            }
        }

        /** The function's answer to an event, its deadline the function's Timeout in the template away. */
        public String invoke(String event) {
            api.offer(event, timeout);
            try {
                RuntimeApi.Answer answer = api.await(process, timeout.plusSeconds(30));
                return answer.error() ? INTERNAL_ERROR : answer.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(logicalId + ": " + e.getMessage() + "\n" + log(), e);
            }
        }

        /** The memory the template gives this function, in MB (AWS_LAMBDA_FUNCTION_MEMORY_SIZE). */
        public int memorySizeMegabytes() {
            return Integer.parseInt(environment(logicalId).get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        }

        /** The process's resident memory now, in MB, from /proc. */
        public long residentMegabytes() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("no VmRSS for " + logicalId);
        }

        /** Everything the function wrote so far, standard output and error. */
        public String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            api.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
