package com.bookingchat.twilio.emulator;

import com.bookingchat.twilio.emulator.ConversationsApi.Reply;
import com.bookingchat.twilio.emulator.ConversationsApi.Request;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Stateful in-memory stand-in for Twilio Conversations v1 (default service) and SMS sending, because Twilio is
 * unreachable from dev and test machines. It answers the real twilio-java client over plain HTTP on
 * loopback with responses shaped by Twilio's OpenAPI contract, and lets tests inject faults and delays.
 */
public final class TwilioEmulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Several emulators in one JVM may record to the same file; one lock keeps their lines whole.
    private static final Object RECORD_FILE_LOCK = new Object();
    private static final int THREADS = 16;

    static {
        // The JDK server writes headers and body in separate packets; with Nagle on, each keep-alive answer then
        // waits out the client's delayed ACK (~40 ms, 10x the handling time). The JDK reads this once, at first use.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** A behaviour armed by a test and consumed, one unit per matching request. */
    private record Injection<T>(String method, Pattern path, T effect, AtomicInteger remaining) {
        boolean consume(String requestMethod, String requestPath) {
            return method.equalsIgnoreCase(requestMethod) && path.matcher(requestPath).find()
                    && remaining.getAndUpdate(n -> Math.max(n - 1, 0)) > 0;
        }
    }

    private record Fault(int status, int code, Duration retryAfter) {
    }

    private final String credentials;
    private final ConversationsApi api;
    private final WebhookDelivery webhooks;
    private final MessagingApi messaging;
    private final List<Injection<Fault>> faults = new CopyOnWriteArrayList<>();
    private final List<Injection<Duration>> delays = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> exchanges = Collections.synchronizedList(new ArrayList<>());
    private volatile Path recordFile;
    private volatile boolean keepExchanges = true;
    private HttpServer server;
    private ExecutorService executor;

    /** Requests must carry these credentials as HTTP Basic auth, as on real Twilio. */
    public TwilioEmulator(String accountSid, String authToken) {
        this.credentials = accountSid + ":" + authToken;
        this.api = new ConversationsApi(JSON, accountSid);
        this.webhooks = new WebhookDelivery(api, accountSid, authToken);
        this.messaging = new MessagingApi(JSON, accountSid);
    }

    /** Binds 127.0.0.1 only, so the emulator is never reachable from outside the machine; 0 picks a free port. */
    public synchronized TwilioEmulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            server = HttpServer.create(new InetSocketAddress(loopback, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
        // A pool, not the server's single dispatcher thread, so one delayed response does not stall the rest.
        executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "twilio-emulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        return this;
    }

    /** The bound port, useful when started on port 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** Where clients should connect; Twilio URLs inside responses stay absolute {@code https://...twilio.com}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Stops serving and releases the port and threads. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Appends every later exchange to this JSON Lines file so a contract test can check it afterwards; null stops. */
    public TwilioEmulator recordTo(Path jsonlFile) {
        this.recordFile = jsonlFile;
        return this;
    }

    /** Whether {@link #exchanges()} grows; a benchmark turns it off to weigh the app, not this log. */
    public TwilioEmulator keepExchanges(boolean keep) {
        this.keepExchanges = keep;
        return this;
    }

    /**
     * Makes the next {@code times} authenticated requests whose method equals {@code method} (ignoring case) and
     * whose path contains a match of {@code pathRegex} fail with Twilio's error JSON, without touching state.
     * 429 and 503 carry {@code Retry-After: 1}. twilio-java retries 5xx itself (three attempts in all), and
     * Apache's client retries 429/503 once unless built with {@code disableAutomaticRetries()}.
     */
    public void failNext(String method, String pathRegex, int httpStatus, int twilioCode, int times) {
        failNext(method, pathRegex, httpStatus, twilioCode, times,
                httpStatus == 429 || httpStatus == 503 ? Duration.ofSeconds(1) : null);
    }

    /** As {@link #failNext(String, String, int, int, int)}, with this {@code Retry-After} (none if null). */
    public void failNext(String method, String pathRegex, int httpStatus, int twilioCode, int times, Duration retryAfter) {
        Fault fault = new Fault(httpStatus, twilioCode, retryAfter);
        faults.add(new Injection<>(method, Pattern.compile(pathRegex), fault, new AtomicInteger(times)));
    }

    /** Makes the next {@code times} matching requests (as for {@link #failNext}) wait before being handled normally. */
    public void delayNext(String method, String pathRegex, Duration delay, int times) {
        delays.add(new Injection<>(method, Pattern.compile(pathRegex), delay, new AtomicInteger(times)));
    }

    /** Forgets all conversations and SMS, pending faults and delays, and the in-memory exchange log (not the record file). */
    public void reset() {
        api.clear();
        messaging.clear();
        faults.clear();
        delays.clear();
        exchanges.clear();
    }

    /** Number of conversations created since start or the last reset. */
    public int conversationCount() {
        return api.conversationCount();
    }

    /** Messages in a conversation, given by SID or unique name; unknown conversations throw NoSuchElementException. */
    public int messageCount(String conversationSid) {
        return api.messageCount(conversationSid);
    }

    /** The conversation's state (active, inactive or closed), given by SID or unique name. */
    public String state(String conversationSid) {
        return api.state(conversationSid);
    }

    /** Identities of the conversation's participants in the order they joined. */
    public List<String> participantIdentities(String conversationSid) {
        return api.participantIdentities(conversationSid);
    }

    /** Every message of a conversation in index order: its author, body and attributes. */
    public List<Map<String, String>> messages(String conversationSid) {
        return api.messages(conversationSid);
    }

    /** Every participant of a conversation in the order they joined: its identity and attributes. */
    public List<Map<String, String>> participants(String conversationSid) {
        return api.participants(conversationSid);
    }

    /** The participant's read horizon, empty until set; an unknown participant throws NoSuchElementException. */
    public OptionalInt lastReadMessageIndex(String conversationSid, String identity) {
        return api.lastReadMessageIndex(conversationSid, identity);
    }

    /** Every SMS accepted since start or the last reset, in order: sid, to, body, and messagingServiceSid or from. */
    public List<Map<String, String>> sentSms() {
        return messaging.sent();
    }

    /** How many requests (faulted and unauthorized ones included) matched, counted like {@link #failNext}. */
    public int requestCount(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        synchronized (exchanges) {
            return (int) exchanges.stream()
                    .filter(e -> method.equalsIgnoreCase((String) e.get("method"))
                            && pattern.matcher((String) e.get("path")).find())
                    .count();
        }
    }

    /** Signed Conversations webhooks: where they go, client SDK actions that fire them, waiting for them. */
    public WebhookDelivery webhooks() {
        return webhooks;
    }

    /** Every exchange so far, in order, each shaped like a line of {@link #recordTo}'s file. */
    public List<Map<String, Object>> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    private void serve(HttpExchange http) throws IOException {
        try (http) {
            String method = http.getRequestMethod();
            String path = http.getRequestURI().getPath();
            String query = http.getRequestURI().getRawQuery();
            Map<String, List<String>> params = new LinkedHashMap<>();
            parseForm(query, params);
            parseForm(new String(http.getRequestBody().readAllBytes(), UTF_8), params);
            Request request = new Request(method, path, params);
            Reply reply = answer(request, http.getRequestHeaders());
            webhooks.afterRest(request, http.getRequestHeaders(), reply);
            try {
                // Recorded before replying, so a client that has its answer always finds the exchange logged.
                record(method, path, query, reply);
            } catch (IOException e) {
                reply = error(500, 20500, "Emulator could not append to " + recordFile + ": " + e.getMessage());
            }
            reply.headers().forEach(http.getResponseHeaders()::set);
            if (reply.body() == null) {
                // a deletion: 204 and no body at all, as Twilio answers
                http.sendResponseHeaders(reply.status(), -1);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(reply.body());
            http.getResponseHeaders().set("Content-Type", "application/json");
            http.sendResponseHeaders(reply.status(), body.length);
            http.getResponseBody().write(body);
        }
    }

    private Reply answer(Request request, Headers headers) {
        delays.stream().filter(d -> d.consume(request.method(), request.path())).findFirst()
                .ifPresent(d -> sleep(d.effect()));
        if (!authorized(headers.getFirst("Authorization"))) {
            Reply denied = error(401, 20003, "Authenticate");
            return new Reply(401, denied.body(), Map.of("WWW-Authenticate", "Basic realm=\"Twilio API\""));
        }
        Fault fault = faults.stream().filter(f -> f.consume(request.method(), request.path())).findFirst()
                .map(Injection::effect).orElse(null);
        if (fault != null) {
            Reply failed = error(fault.status(), fault.code(), "Injected fault");
            return fault.retryAfter() == null ? failed
                    : new Reply(failed.status(), failed.body(), Map.of("Retry-After", Long.toString(fault.retryAfter().toSeconds())));
        }
        try {
            return request.path().startsWith(MessagingApi.PATH_PREFIX) ? messaging.handle(request) : api.handle(request);
        } catch (TwilioError e) {
            return error(e.status, e.code, e.getMessage());
        } catch (RuntimeException e) {
            return error(500, 20500, "Emulator failure: " + e);
        }
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            return credentials.equals(new String(Base64.getDecoder().decode(authorization.substring(6).trim()), UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static Reply error(int status, int code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return new Reply(status, body);
    }

    private void record(String method, String path, String query, Reply reply) throws IOException {
        Map<String, Object> exchange = new LinkedHashMap<>();
        exchange.put("method", method);
        exchange.put("path", path);
        exchange.put("query", query);
        exchange.put("status", reply.status());
        exchange.put("responseBody", reply.body() == null ? null : JSON.convertValue(reply.body(), Object.class));
        // One lock for file and memory, so both logs list concurrent exchanges in the same order.
        synchronized (exchanges) {
            Path file = recordFile;
            if (file != null) {
                writeLine(file, exchange);
            }
            if (keepExchanges) {
                exchanges.add(Collections.unmodifiableMap(exchange));
            }
        }
    }

    private static void writeLine(Path file, Map<String, Object> exchange) throws IOException {
        String line;
        try {
            line = JSON.writeValueAsString(exchange) + "\n";
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        synchronized (RECORD_FILE_LOCK) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, line, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static void parseForm(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            // Interrupted only by close(); answer at once rather than hang the shutdown.
            Thread.currentThread().interrupt();
        }
    }
}
