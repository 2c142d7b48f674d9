package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;

import org.jboss.logging.Logger;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.service.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The property the hostile-input tests hold every route to, and the generator of their requests: random,
 * truncated, huge, deeply nested and wrongly typed JSON, odd unicode, hostile path and query values and
 * claims, and raw API Gateway events that contradict themselves. Whatever arrives: never a 5xx; every other
 * non-2xx answer is problem+json with a known code; no body names anything internal; and a refused request
 * (or any read) changes nothing. Requests come from one {@link Random} with a fixed seed, so a failure
 * names the seed and try that replay it ({@code -Dfuzz.seed}, {@code -Dfuzz.tries}).
 */
final class HostileRequests {

    static final long DEFAULT_SEED = 20261124L;
    static final int DEFAULT_TRIES = 400;
    /** One value that changes whenever any row of the conversation tables does. */
    static final String CONTENT_DIGEST = """
            SELECT md5(concat_ws('|',
                (SELECT string_agg(CAST(t AS text), ',' ORDER BY t.id) FROM conversation_metadata t),
                (SELECT string_agg(CAST(t AS text), ',' ORDER BY t.id) FROM conversation_participants t),
                (SELECT string_agg(CAST(t AS text), ',' ORDER BY t.id) FROM message_notifications t)))
            """;

    private static final Logger LOG = Logger.getLogger(HostileRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Words that would mean a stack trace or an internal name reached a client; the generator never sends them. */
    private static final List<String> INTERNALS = List.of("Exception", "at com.", "org.hibernate", "java.");
    private static final String[] ODD = {
        "", " ", "\u0000", "\uD800", "\uDFFF", "\u202Eevil", "e\u0301", "\uD83D\uDE00", "\uFEFF", "\t\n",
        "' OR 1=1 --", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "<script>", "../../etc/passwd", "%00", "%2F",
        "%", "%%", "a/b", "a?b=c", "a#b", "CH" + "0".repeat(32), "-1", "0", "99999999999999999999", "1e309",
        "null", "true", "[]", "{}", "customer", "provider" };

    /** The routes, with a path of each; {@code writes} says whether an accepted request may change state. */
    enum Route {
        CREATE("POST", "/bookings/booking-0/conversations", true),
        SEND("POST", "/conversations/CH0/messages", true),
        INBOX("GET", "/conversations", false),
        HISTORY("GET", "/conversations/CH0/messages", false),
        READ("POST", "/conversations/CH0/read", true),
        BOOKING_STATUS("PUT", "/bookings/booking-0/status", true);

        final String method;
        final String examplePath;
        final boolean writes;

        Route(String method, String examplePath, boolean writes) {
            this.method = method;
            this.examplePath = examplePath;
            this.writes = writes;
        }
    }

    /** One generated request: its route and the raw API Gateway event. */
    record Attack(Route route, String event) {
    }

    private HostileRequests() {
    }

    /**
     * Sends {@code -Dfuzz.tries} generated requests (seed {@code -Dfuzz.seed}) about the conversation
     * {@code sid} through {@code invoke} and fails at the first that breaks the property; {@code state}
     * tells whether anything was written.
     */
    static void holdEveryRoute(String sid, Function<Attack, Reply> invoke, Supplier<?> state) {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int tries = Integer.getInteger("fuzz.tries", DEFAULT_TRIES);
        Random random = new Random(seed);
        Map<Route, Set<Integer>> answered = new EnumMap<>(Route.class);
        for (int i = 1; i <= tries; i++) {
            Attack attack = attack(random, sid);
            Object before = state.get();
            Reply reply = invoke.apply(attack);
            List<String> broken = broken(reply);
            boolean accepted = reply.status() >= 200 && reply.status() < 300;
            if (!(accepted && attack.route().writes) && !state.get().equals(before)) {
                broken.add("a refused request or a read changed state");
            }
            if (!broken.isEmpty()) {
                fail("try " + i + " of seed " + seed + ": " + broken + "\n  event " + abbreviate(attack.event())
                        + "\n  answer " + reply.status() + " " + abbreviate(reply.body()));
            }
            answered.computeIfAbsent(attack.route(), r -> new TreeSet<>()).add(reply.status() / 100);
        }
        LOG.infof("seed %d, %d tries; status classes per route: %s", seed, tries, answered);
        for (Route route : Route.values()) {
            assertTrue(answered.getOrDefault(route, Set.of()).containsAll(Set.of(2, 4)),
                    route + " must see requests it accepts and requests it refuses: " + answered);
        }
    }

    private static List<String> broken(Reply reply) {
        List<String> broken = new ArrayList<>();
        if (reply.status() >= 500 || reply.status() < 100) {
            broken.add("answered " + reply.status());
        }
        INTERNALS.stream().filter(reply.body()::contains).forEach(word -> broken.add("body mentions " + word));
        if (reply.status() >= 300) {
            String type = reply.header("Content-Type");
            try {
                JsonNode problem = JSON.readTree(reply.body());
                if (type == null || !type.startsWith(Problem.MEDIA_TYPE) || problem.path("status").asInt() != reply.status()
                        || Set.of(ErrorCode.values()).stream().noneMatch(c -> c.name().equals(problem.path("code").asText()))) {
                    broken.add("not a problem with a known code: " + type);
                }
            } catch (Exception e) {
                broken.add("error body is not JSON");
            }
        }
        return broken;
    }

    private static Attack attack(Random random, String sid) {
        Route route = Route.values()[random.nextInt(Route.values().length)];
        String conversation = random.nextInt(3) == 0 ? hostile(random) : sid;
        String path = switch (route) {
            case CREATE -> "/bookings/" + (random.nextBoolean() ? "booking-" + random.nextInt(5) : hostile(random))
                    + "/conversations";
            case SEND, HISTORY -> "/conversations/" + conversation + "/messages";
            case INBOX -> "/conversations";
            case READ -> "/conversations/" + conversation + "/read";
            case BOOKING_STATUS -> "/bookings/" + (random.nextBoolean() ? "booking-" + random.nextInt(5) : hostile(random))
                    + "/status";
        };
        String query = random.nextInt(3) == 0 ? "" : query(random);
        String body = route.method.equals("GET") && random.nextInt(4) != 0 ? null : body(route, random);
        As usual = route == Route.BOOKING_STATUS ? Lambda.BOOKING_SYSTEM : CUSTOMER;
        As caller = random.nextInt(8) == 0 ? new As(hostile(random), pick(random, ODD)) : usual;
        ObjectNode event = Lambda.event(caller, route.method, path + (query.isEmpty() ? "" : "?" + query), body,
                // HTTP cannot carry CR, LF or NUL in a header value, so API Gateway never delivers one
                random.nextInt(6) == 0 ? Map.of("idempotency-key", hostile(random).replaceAll("[\\r\\n\\u0000]", ""))
                        : Map.of());
        switch (random.nextInt(12)) {
            case 0 -> event.put("isBase64Encoded", true);
            case 1 -> event.put("rawQueryString", hostile(random));
            case 2 -> event.put("rawPath", event.path("rawPath").asText() + hostile(random));
            case 3 -> event.with("headers").put("content-type", pick(random, "text/plain", "application/xml", "", "*/*"));
            default -> {
                // the event as API Gateway would build it
            }
        }
        return new Attack(route, event.toString());
    }

    private static String query(Random random) {
        List<String> parameters = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            String name = pick(random, "limit", "order", "cursor", "pageToken", "limit", hostile(random));
            String value = random.nextBoolean() ? pick(random, "1", "50", "100", "101", "0", "asc", "desc") : hostile(random);
            parameters.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return String.join("&", parameters);
    }

    private static String body(Route route, Random random) {
        String valid = switch (route) {
            case CREATE -> Fixtures.SEED_CREATE;
            case SEND -> "{\"body\":\"" + pick(random, "hi", "When will you arrive?", "\\u00e9t\\u00e9") + "\"}";
            case BOOKING_STATUS -> "{\"status\":\"confirmed\",\"endsAt\":\"2026-12-01T16:00:00Z\",\"occurredAt\":\""
                    + pick(random, "2026-11-24T08:00:00Z", "2026-11-24T09:00:00Z") + "\"}";
            default -> "{}";
        };
        return switch (random.nextInt(10)) {
            case 0, 1 -> valid;
            case 2 -> valid.substring(0, random.nextInt(valid.length()));
            case 3 -> "[".repeat(10_000) + "]".repeat(10_000);
            case 4 -> "{\"body\":\"" + "x".repeat(1 << 20) + "\"}";
            case 5 -> pick(random, "null", "true", "42", "\"text\"", "[]", "[1,2]", "", "{", "}");
            case 6 -> valid.replaceFirst("\"[^\"]*\"(?=\\s*[,}\\]])",
                    Matcher.quoteReplacement(JSON.valueToTree(hostile(random)).toString()));
            case 7 -> valid.replaceFirst(":\\s*\"[^\"]*\"", ":" + pick(random, "1", "[]", "{}", "null", "true", "-0.0"));
            case 8 -> "{\"participants\":" + pick(random, "{}", "[null]", "[[]]", "[{\"userId\":{}}]", "\"all\"")
                    + ",\"booking\":" + pick(random, "[]", "1", "{\"a\":{\"b\":{\"c\":[]}}}", "null") + "}";
            default -> new String(randomChars(random), 0, random.nextInt(64));
        };
    }

    private static char[] randomChars(Random random) {
        char[] chars = new char[64];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(0x3000);
        }
        return chars;
    }

    private static String hostile(Random random) {
        String odd = pick(random, ODD);
        return switch (random.nextInt(4)) {
            case 0 -> odd.repeat(1 + random.nextInt(300));
            case 1 -> "booking-" + odd;
            default -> odd;
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
