package com.bookingchat.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.bookingchat.TestSchema;
import com.bookingchat.infra.SamTemplate;
import com.bookingchat.lambda.PackagedFunction;
import com.bookingchat.lambda.RuntimeApi;
import com.bookingchat.secrets.FakeSecretsExtension;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Cold and warm figures of packaged functions on this machine, JVM and native side by side: each zip run as
 * Lambda runs it (see {@link PackagedFunction}) with the environment infra/template.yaml gives the list
 * function, its credentials behind a stand-in Secrets Manager extension, after the migration step, answering
 * infra/events/list-conversations.json (a database read). Each run is a new process, i.e. a cold start: init
 * (launch to the first poll for an event), first invocation (that poll to the answer) and the CPU time spent
 * by then. The last run's process then answers {@code --warm=N} more events (p50, p99, and its resident
 * memory after them). Arguments: the number of runs, then flags ({@code --zip=PATH}, repeatable, default
 * target/function.zip; {@code --warm=N}; {@code --primed}, the template's SnapStart priming request;
 * {@code --runner-jar}, the JVM handler started from the runner jar, as class-data archives need), then JVM
 * options for the function. Ends with the native image builder's time and peak memory when target/ holds a
 * native build. Requires PostgreSQL on 127.0.0.1:5432; the README's "Performance" section gives the commands.
 */
public final class ColdStart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "booking_chat_bench";
    private static final String JDBC_URL = TestSchema.url(SCHEMA);
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
        // --zip=PATH (repeatable) measures these function zips side by side instead of target/function.zip
        List<Path> zips = flags.stream().filter(f -> f.startsWith("--zip=")).map(f -> Path.of(f.substring(6))).toList();
        // --warm=N sends N more events to the last run's process, for the warm latency and the memory after them
        int warmEvents = flags.stream().filter(f -> f.startsWith("--warm=")).map(f -> Integer.parseInt(f.substring(7)))
                .findFirst().orElse(1);
        // further JVM options to try on the function (a profiler, an archive), beside the template's JAVA_TOOL_OPTIONS
        List<String> jvmArgs = options.subList(flags.size(), options.size());
        String event = Files.readString(Path.of("infra", "events", "list-conversations.json"));
        migrate();
        try (TwilioEmulator twilio = new TwilioEmulator(ACCOUNT_SID, AUTH_TOKEN).start(0);
                FakeSecretsExtension secrets = FakeSecretsExtension.start(SESSION_TOKEN, Map.of(
                        DATABASE_SECRET, "{\"username\":\"postgres\",\"password\":\"postgres\"}",
                        TWILIO_SECRET, """
                                {"accountSid": "%s", "authToken": "%s",
                                 "accessToken.apiKeySid": "SK00000000000000000000000000000000",
                                 "accessToken.apiKeySecret": "bench-api-key-secret-000000000000"}"""
                                .formatted(ACCOUNT_SID, AUTH_TOKEN)))) {
            // the pool and the driver's timeouts as the template deploys them
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
                    // the inbox's function, as the template names it: it checks only the settings the inbox needs
                    Map.entry("BOOKING_CHAT_FUNCTION", "list"),
                    Map.entry("BOOKING_CHAT_OBSERVABILITY_USER_DIGEST_KEY", "bench-user-digest-key-00000000000000000000"),
                    Map.entry("BOOKING_CHAT_PRIMING_REQUEST", primed ? "GET /conversations" : "")));
            for (Path zip : zips.isEmpty() ? List.of(TARGET.resolve("function.zip")) : zips) {
                Path workDir = TARGET.resolve("cold-start").resolve(zip.getFileName().toString().replace(".zip", ""));
                PackagedFunction.unpack(zip, workDir);
                boolean nativeBuild = PackagedFunction.isNative(workDir);
                System.out.printf("%n%s: %s build, %.1f MB zipped%n", zip, nativeBuild ? "native" : "JVM", Files.size(zip) / 1e6);
                List<Long> initMillis = new ArrayList<>();
                List<Long> firstMillis = new ArrayList<>();
                // CPU time varies far less from run to run than wall time on a shared machine, so it is the figure to compare builds by.
                List<Long> cpuMillis = new ArrayList<>();
                System.out.printf("%-4s %12s %22s %18s%n", "run", "init (ms)", "first answer (ms)", "cpu to first (ms)");
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
                        long answeredAt = answered(api, function);
                        initMillis.add(TimeUnit.NANOSECONDS.toMillis(api.firstPollAt() - launched));
                        firstMillis.add(TimeUnit.NANOSECONDS.toMillis(answeredAt - api.firstPollAt()));
                        cpuMillis.add(function.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L));
                        System.out.printf("%-4d %12d %22d %18d%n", run, initMillis.get(run - 1), firstMillis.get(run - 1),
                                cpuMillis.get(run - 1));
                        if (run == runs) {
                            warm(api, function, event, warmEvents, workDir.resolve("function-" + run + ".log"));
                        }
                    } finally {
                        function.destroy();
                        function.waitFor(10, TimeUnit.SECONDS);
                        api.close();
                    }
                }
                System.out.printf("median %10d %22d %18d   (java %s, %d cores, %d runs)%n", median(initMillis),
                        median(firstMillis), median(cpuMillis), System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors(), runs);
            }
            nativeBuildStats();
        }
    }

    /**
     * {@code count} more events through a warm process: latency percentiles, then its resident memory and what
     * it wrote to its log per event (CloudWatch Logs bills ingestion by the byte).
     */
    private static void warm(RuntimeApi api, Process function, String event, int count, Path log) throws Exception {
        long loggedBefore = Files.size(log);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long offered = System.nanoTime();
            api.offer(event);
            micros.add(TimeUnit.NANOSECONDS.toMicros(answered(api, function) - offered));
        }
        Collections.sort(micros);
        System.out.printf("warm: %d events, p50 %.2f ms, p99 %.2f ms; RSS after them %d MB; logged %.0f bytes per event%n",
                count, micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
                residentMegabytes(function.pid()), (Files.size(log) - loggedBefore) / (double) count);
    }

    /** VmRSS of a process, from /proc. */
    private static long residentMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** The native image builder's own figures for the last native build, if there is one in target/. */
    private static void nativeBuildStats() throws IOException {
        try (var files = Files.walk(TARGET, 2)) {
            for (Path stats : files.filter(f -> f.getFileName().toString().endsWith("-build-output-stats.json")).toList()) {
                JsonNode resources = JSON.readTree(stats.toFile()).path("resource_usage");
                System.out.printf("%nnative build (%s): %.0f s, builder peak RSS %.2f GB, %d CPU cores%n", stats.getFileName(),
                        resources.path("total_secs").asDouble(), resources.path("memory").path("peak_rss_bytes").asDouble() / 1e9,
                        resources.path("cpu").path("total_cores").asInt());
            }
        }
    }

    /** The deploy step: the bench's schema emptied and migrated before the functions start. */
    private static void migrate() {
        TestSchema.recreate(SCHEMA);
    }

    /** The runner jar Quarkus names in target/quarkus-artifact.properties. */
    private static String runnerJar() throws IOException {
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(reader);
        }
        return artifact.getProperty("path");
    }

    /** When the function answered the next event, which must be a 200. */
    private static long answered(RuntimeApi api, Process function) throws InterruptedException, IOException {
        RuntimeApi.Answer answer = api.await(function, Duration.ofSeconds(120));
        if (answer.error() || JSON.readTree(answer.body()).path("statusCode").asInt() != 200) {
            throw new IllegalStateException("the function failed the event: " + answer.body());
        }
        return answer.at();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
