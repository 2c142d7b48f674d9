package com.bookingchat.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.bookingchat.infra.SamTemplate;
import com.bookingchat.lambda.PackagedFunction;
import com.bookingchat.secrets.FakeSecretsExtension;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * How long the packaged JVM function takes on this machine from process launch to its answer to the
 * first event: target/function.zip run as Lambda's java21 runtime runs it (unpacked, handler constructed
 * at init, events from a Runtime API), with the environment infra/template.yaml gives the list function,
 * its credentials behind a stand-in Secrets Manager extension, after the README's migration step. The event is
 * infra/events/list-conversations.json, a database read. Each run is a new process, i.e. a cold start;
 * a second event on the same process shows the warm answer. Arguments: the number of runs, then
 * {@code --primed} (the template's SnapStart priming request) and {@code --runner-jar} (the handler started
 * from the runner jar, as class-data archives need), then JVM options for the function. Requires
 * ./mvnw package and PostgreSQL on 127.0.0.1:5432; the README's "Performance" section gives the commands.
 */
public final class ColdStart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "booking_chat_bench";
    private static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + SCHEMA;
    private static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    private static final String AUTH_TOKEN = "bench-auth-token";
    private static final String SESSION_TOKEN = "bench-session-token";
    private static final String DATABASE_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-db-AbCdEf";
    private static final String TWILIO_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-twilio-GhIjKl";
    private static final Path TARGET = Path.of("target");

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> options = List.of(args).subList(Math.min(1, args.length), args.length);
        List<String> flags = options.stream().takeWhile(option -> option.startsWith("--")).toList();
        // --runner-jar starts the handler from the runner jar, the layout a class-data archive needs
        boolean fromRunnerJar = flags.contains("--runner-jar");
        // --primed gives the function the priming request the template gives it with SnapStart
        boolean primed = flags.contains("--primed");
        // further JVM options to try on the function (a profiler, an archive), beside the template's JAVA_TOOL_OPTIONS
        List<String> jvmArgs = options.subList(flags.size(), options.size());
        String event = Files.readString(Path.of("infra", "events", "list-conversations.json"));
        Path workDir = TARGET.resolve("cold-start");
        PackagedFunction.unpack(TARGET.resolve("function.zip"), workDir);
        migrate();
        try (TwilioEmulator twilio = new TwilioEmulator(ACCOUNT_SID, AUTH_TOKEN).start(0);
                FakeSecretsExtension secrets = FakeSecretsExtension.start(SESSION_TOKEN, Map.of(
                        DATABASE_SECRET, "{\"username\":\"postgres\",\"password\":\"postgres\"}",
                        TWILIO_SECRET, """
                                {"accountSid": "%s", "authToken": "%s",
                                 "accessToken.apiKeySid": "SK00000000000000000000000000000000",
                                 "accessToken.apiKeySecret": "bench-api-key-secret-000000000000"}"""
                                .formatted(ACCOUNT_SID, AUTH_TOKEN)))) {
            // The template's pool and driver options, around the bench's own database.
            SamTemplate template = SamTemplate.read();
            Map<String, String> environment = new TreeMap<>(template.databasePool());
            environment.putAll(Map.ofEntries(
                    Map.entry("QUARKUS_DATASOURCE_JDBC_URL", JDBC_URL + "&" + template.jdbcUrlOptions()),
                    Map.entry("BOOKING_CHAT_SECRETS_DATABASE_ARN", DATABASE_SECRET),
                    Map.entry("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(secrets.port())),
                    Map.entry("AWS_SESSION_TOKEN", SESSION_TOKEN),
                    Map.entry("TWILIO_API_BASE_URL", twilio.baseUrl()),
                    Map.entry("TWILIO_ACCESS_TOKEN_CONVERSATIONS_SERVICE_SID", "IS00000000000000000000000000000000"),
                    Map.entry("BOOKING_CHAT_WEBHOOK_PUBLIC_BASE_URL", "https://api.booking-chat.test"),
                    Map.entry("BOOKING_CHAT_PRIMING_REQUEST", primed ? "GET /conversations" : "")));
            List<Long> initMillis = new ArrayList<>();
            List<Long> firstMillis = new ArrayList<>();
            List<Long> warmMillis = new ArrayList<>();
            // CPU time varies far less from run to run than wall time on a shared machine, so it is the figure to compare builds by.
            List<Long> cpuMillis = new ArrayList<>();
            System.out.printf("%-4s %12s %22s %14s %18s%n", "run", "init (ms)", "first answer (ms)", "warm (ms)", "cpu to first (ms)");
            for (int run = 1; run <= runs; run++) {
                // A Runtime API of its own per run, as each cold start gets a new execution environment.
                RuntimeApi api = new RuntimeApi();
                long launched = System.nanoTime();
                api.offer(event);
                ProcessBuilder builder = fromRunnerJar
                        ? PackagedFunction.processFromRunnerJar(workDir, TARGET.resolve(runnerJar()), api.address(), jvmArgs, environment)
                        : PackagedFunction.process(workDir, api.address(), jvmArgs, environment);
                Process function = builder
                        .redirectErrorStream(true)
                        .redirectOutput(workDir.resolve("function-" + run + ".log").toFile())
                        .start();
                try {
                    long first = api.awaitAnswer(launched, function);
                    long init = api.firstPollAt() - launched;
                    cpuMillis.add(function.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L));
                    long warmStart = System.nanoTime();
                    api.offer(event);
                    long warm = api.awaitAnswer(warmStart, function);
                    initMillis.add(TimeUnit.NANOSECONDS.toMillis(init));
                    firstMillis.add(TimeUnit.NANOSECONDS.toMillis(first));
                    warmMillis.add(TimeUnit.NANOSECONDS.toMillis(warm));
                    System.out.printf("%-4d %12d %22d %14d %18d%n", run, initMillis.get(run - 1), firstMillis.get(run - 1),
                            warmMillis.get(run - 1), cpuMillis.get(run - 1));
                } finally {
                    function.destroy();
                    function.waitFor(10, TimeUnit.SECONDS);
                    api.close();
                }
            }
            System.out.printf("median %10d %22d %14d %18d   (java %s, %d cores, %d runs)%n", median(initMillis),
                    median(firstMillis), median(warmMillis), median(cpuMillis), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), runs);
        }
    }

    /**
     * The deploy step the README documents: the runner jar started once with migrations at start, stopped
     * once it has started. Here it also empties the bench's schema first.
     */
    private static void migrate() throws IOException, InterruptedException {
        Path log = TARGET.resolve("cold-start").resolve("migrate.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TARGET.resolve(runnerJar()).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.ofEntries(
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", JDBC_URL),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", "postgres"),
                Map.entry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true"),
                Map.entry("QUARKUS_FLYWAY_SCHEMAS", SCHEMA),
                Map.entry("QUARKUS_FLYWAY_CLEAN_AT_START", "true"),
                Map.entry("QUARKUS_FLYWAY_CLEAN_DISABLED", "false"),
                // The README's placeholders: the application checks Twilio's and the webhook's settings at every start.
                Map.entry("TWILIO_ACCOUNT_SID", "unused"),
                Map.entry("TWILIO_AUTH_TOKEN", "unused"),
                Map.entry("TWILIO_ACCESS_TOKEN_API_KEY_SID", "unused"),
                Map.entry("TWILIO_ACCESS_TOKEN_API_KEY_SECRET", "unused-unused-unused-unused-unused"),
                Map.entry("TWILIO_ACCESS_TOKEN_CONVERSATIONS_SERVICE_SID", "unused"),
                Map.entry("BOOKING_CHAT_WEBHOOK_PUBLIC_BASE_URL", "https://unused.invalid")));
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains(" started in ")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the migration run failed:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The runner jar Quarkus names in target/quarkus-artifact.properties. */
    private static String runnerJar() throws IOException {
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(reader);
        }
        return artifact.getProperty("path");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private record Answer(long at, String problem) {
    }

    /** The Lambda Runtime API's calls a function makes, with the time each event is answered. */
    private static final class RuntimeApi implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        private volatile long firstPollAt;

        RuntimeApi() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(executor);
            server.createContext("/2018-06-01/runtime/invocation/", this::serve);
            server.start();
        }

        String address() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        void offer(String event) {
            events.add(event);
        }

        long firstPollAt() {
            return firstPollAt;
        }

        /** Nanoseconds from {@code since} until the function answered the event, which must be a 200. */
        long awaitAnswer(long since, Process function) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (function.isAlive() && System.nanoTime() < deadline) {
                Answer answer = answers.poll(50, TimeUnit.MILLISECONDS);
                if (answer != null) {
                    if (answer.problem() != null) {
                        throw new IllegalStateException("the function failed the event: " + answer.problem());
                    }
                    return answer.at() - since;
                }
            }
            throw new IllegalStateException("the function stopped or gave no answer; see target/cold-start/function-*.log");
        }

        private void serve(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.endsWith("/next")) {
                    if (firstPollAt == 0) {
                        firstPollAt = System.nanoTime();
                    }
                    String event = events.take();
                    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", UUID.randomUUID().toString());
                    exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 15_000));
                    respond(exchange, 200, event);
                } else {
                    long answeredAt = System.nanoTime();
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    respond(exchange, 202, "");
                    boolean ok = path.endsWith("/response") && JSON.readTree(body).path("statusCode").asInt() == 200;
                    answers.add(new Answer(answeredAt, ok ? null : body));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        /** Also ends a poll the stopped function left waiting for an event. */
        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
