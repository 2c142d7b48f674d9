package com.bookingchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.persistence.ConversationRepository;
import com.bookingchat.persistence.InboxPosition;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Latency, SQL statements and heap of every hot operation against a production-sized database, through the
 * same Lambda event path production uses, with the Twilio emulator answering at once. The inbox's own SQL is
 * also timed over plain JDBC with the same parameters, so the cost of everything above PostgreSQL shows as a
 * ratio.
 *
 * <p>Not part of {@code ./mvnw verify}: it seeds 100,000 conversations and 500,000 notifications and runs
 * for minutes. Run it alone, in a schema of its own (Flyway cleans that schema at start):
 *
 * <pre>
 * TEST_DB_SCHEMA=booking_chat_bench ./mvnw -Pbench verify -DskipITs
 * </pre>
 *
 * <p>It prints a table to stdout and writes it to {@code target/bench/api-benchmark.txt}. It asserts that
 * every operation answers successfully, never how fast: the figures depend on the machine.
 */
@QuarkusTest
@Tag("bench")
class ApiBenchmark {

    private static final int CONVERSATIONS = 100_000;
    /** Every 20th conversation is the busy provider's: 5,000 of them. */
    private static final int PROVIDER_SHARE = 20;
    private static final int NOTIFICATIONS = 500_000;
    /** Ten unread per conversation of the busy provider. */
    private static final int PROVIDER_UNREAD = 50_000;
    /** Enough calls for the JIT's second tier to compile the path, as in a function that has served a while. */
    private static final int WARM_UP = 1_000;
    private static final int ITERATIONS = 300;
    private static final int PAGE_SIZE = 20;
    private static final int DEEP_PAGE = 50;
    /** The history page is full (its default of 50) from the first measured read. */
    private static final int MESSAGES_PER_CONVERSATION = 50;
    private static final int API_CONVERSATIONS = 5;
    private static final Path REPORT = Path.of("target", "bench", "api-benchmark.txt");

    private static final As PROVIDER = new As("provider-bench", "provider");
    private static final As CUSTOMER = new As("customer-bench", "customer");

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    AgroalDataSource dataSource;

    /** One operation's samples; {@code statements} is negative where Hibernate is not involved. */
    private record Result(String operation, long[] nanos, double statements) {

        double percentileMillis(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.ceil(p * sorted.length) - 1] / 1e6;
        }

        double meanMillis() {
            return Arrays.stream(nanos).average().orElseThrow() / 1e6;
        }
    }

    @Test
    void everyHotOperationIsMeasuredAtScaleAndReported() throws IOException {
        fixtures.reset();
        long seedStart = System.nanoTime();
        seed();
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
        assertEquals(PROVIDER_UNREAD,
                fixtures.count("message_notifications WHERE recipient_user_id = 'provider-bench' AND read_at IS NULL"));

        List<String> sids = conversationsThroughTheApi();
        String deepCursor = cursorOfPage(DEEP_PAGE);
        InboxPosition deepPosition = decode(deepCursor);
        int[] turn = {0};
        Supplier<String> nextSid = () -> sids.get(turn[0]++ % sids.size());

        Statistics statistics = sessionFactory.getStatistics();
        resetHeapPeaks();
        List<Result> results = new ArrayList<>();
        results.add(measure("inbox, first page", null,
                () -> get(PROVIDER, "/conversations?limit=" + PAGE_SIZE), statistics));
        results.add(measure("inbox, page " + DEEP_PAGE, null,
                () -> get(PROVIDER, "/conversations?limit=" + PAGE_SIZE + "&cursor=" + deepCursor), statistics));
        results.add(measureRaw("inbox SQL over JDBC, first page", InboxPosition.START));
        results.add(measureRaw("inbox SQL over JDBC, page " + DEEP_PAGE, deepPosition));
        results.add(measure("history (50 messages)", null,
                () -> get(PROVIDER, "/conversations/" + nextSid.get() + "/messages"), statistics));
        results.add(measure("send", null,
                () -> post(CUSTOMER, "/conversations/" + nextSid.get() + "/messages", "{\"body\":\"On my way\"}"),
                statistics));
        String[] toRead = new String[1];
        // Each read has a fresh message to clear, so it moves the Twilio read horizon as a real read does.
        results.add(measure("mark as read", () -> {
            toRead[0] = nextSid.get();
            ok(post(CUSTOMER, "/conversations/" + toRead[0] + "/messages", "{\"body\":\"Are you there?\"}"));
        }, () -> post(PROVIDER, "/conversations/" + toRead[0] + "/read", null), statistics));
        // The event path with neither database nor Twilio behind it: the floor of every operation above.
        results.add(measure("access token (no SQL, no Twilio)", null, () -> post(PROVIDER, "/tokens", null), statistics));
        // The same inbox request through the test harness's HTTP hops, to show what they add.
        results.add(measure("inbox, first page, via mock server", null,
                () -> Lambda.get(PROVIDER, "/conversations?limit=" + PAGE_SIZE), statistics));
        long peakHeap = heapPeaks();

        String report = report(results, seedMillis, peakHeap);
        System.out.println(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report, StandardCharsets.UTF_8);
    }

    /**
     * Bulk inserts in a handful of statements: the API would take hours for this volume, and the inbox reads
     * only these tables. Activity times spread over years so the keyset pages cut through real ordering.
     */
    private void seed() {
        fixtures.execute("""
                INSERT INTO conversation_metadata (id, booking_id, conversation_type, twilio_conversation_sid,
                       booking_details, created_by, created_at, last_message_at, last_message_index)
                OVERRIDING SYSTEM VALUE
                SELECT i, 'booking-' || i, 'booking_chat', 'CH' || lpad(i::text, 32, '0'),
                       jsonb_build_object('service', 'Plumbing', 'scheduledAt', '2026-12-01T14:00:00Z'),
                       'customer-' || i,
                       timestamptz '2023-01-01 00:00:00+00' + i * interval '10 minutes',
                       CASE WHEN i %% 3 <> 0
                            THEN timestamptz '2023-01-01 00:00:00+00' + i * interval '10 minutes'
                                 + (i * 7919 %% 50000) * interval '1 minute' END,
                       CASE WHEN i %% 3 <> 0 THEN 9 END
                  FROM generate_series(1, %d) i
                """.formatted(CONVERSATIONS));
        fixtures.execute("SELECT setval(pg_get_serial_sequence('conversation_metadata', 'id'), %d)"
                .formatted(CONVERSATIONS));
        fixtures.execute("""
                INSERT INTO conversation_participants (conversation_id, user_id, user_type, user_name, joined_at)
                SELECT i, who.user_id, who.user_type, initcap(who.user_type) || ' ' || i,
                       timestamptz '2023-01-01 00:00:00+00' + i * interval '10 minutes'
                  FROM generate_series(1, %d) i
                 CROSS JOIN LATERAL (VALUES ('customer-' || i, 'customer'),
                                            (%s, 'provider')) AS who (user_id, user_type)
                """.formatted(CONVERSATIONS, providerOf("i")));
        fixtures.execute("""
                INSERT INTO message_notifications (conversation_id, recipient_user_id, twilio_message_sid,
                       message_index, author_user_id, created_at, read_at)
                SELECT (g %% %2$d + 1) * %3$d, 'provider-bench', 'IM' || lpad(g::text, 32, '0'), g / %2$d,
                       'customer-' || ((g %% %2$d + 1) * %3$d),
                       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second', NULL
                  FROM generate_series(0, %1$d - 1) g
                """.formatted(PROVIDER_UNREAD, CONVERSATIONS / PROVIDER_SHARE, PROVIDER_SHARE));
        // The rest: rounds over every conversation, customers and providers in turn as recipients; providers
        // have read everything (so the busy provider's unread stays exactly 50,000), one customer row in five unread.
        fixtures.execute("""
                INSERT INTO message_notifications (conversation_id, recipient_user_id, twilio_message_sid,
                       message_index, author_user_id, created_at, read_at)
                SELECT c, CASE WHEN customer_round THEN 'customer-' || c ELSE %3$s END,
                       'IM' || lpad(g::text, 32, '0'), 10 + g / %1$d,
                       CASE WHEN customer_round THEN %3$s ELSE 'customer-' || c END,
                       at, CASE WHEN customer_round AND g %% 5 = 0 THEN NULL ELSE at END
                  FROM generate_series(%2$d, %4$d - 1) g
                 CROSS JOIN LATERAL (SELECT g %% %1$d + 1 AS c, (g / %1$d) %% 2 = 0 AS customer_round,
                                            timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' AS at) x
                """.formatted(CONVERSATIONS, PROVIDER_UNREAD, providerOf("c"), NOTIFICATIONS));
        fixtures.execute("VACUUM ANALYZE conversation_metadata, conversation_participants, message_notifications");
        assertEquals(CONVERSATIONS + "/" + 2 * CONVERSATIONS + "/" + NOTIFICATIONS, fixtures.rowCounts());
    }

    private static String providerOf(String conversationId) {
        return "CASE WHEN %1$s %% %2$d = 0 THEN 'provider-bench' ELSE 'provider-' || (%1$s %% 997) END"
                .formatted(conversationId, PROVIDER_SHARE);
    }

    /** Send, history and mark as read need conversations the emulator knows, so these few go through the API. */
    private List<String> conversationsThroughTheApi() {
        List<String> sids = new ArrayList<>();
        for (int c = 0; c < API_CONVERSATIONS; c++) {
            Reply created = ok(Lambda.post(CUSTOMER, "/bookings/booking-bench-" + c + "/conversations", """
                    { "type": "booking_chat",
                      "participants": [
                        { "userId": "customer-bench", "userType": "customer", "userName": "Casey Bench" },
                        { "userId": "provider-bench", "userType": "provider", "userName": "Pat Bench" } ],
                      "booking": { "service": "Plumbing", "scheduledAt": "2026-12-01T14:00:00Z" } }
                    """));
            String sid = created.json().getString("conversationSid");
            for (int m = 0; m < MESSAGES_PER_CONVERSATION; m++) {
                ok(Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"message " + m + "\"}"));
            }
            assertEquals(MESSAGES_PER_CONVERSATION, emulator.messageCount(sid));
            sids.add(sid);
        }
        return sids;
    }

    /** A request as its API Gateway event, handed to the function's handler in this JVM. */
    private static Reply get(As caller, String pathAndQuery) {
        return Lambda.handle(Lambda.event(caller, "GET", pathAndQuery, null, Map.of()).toString());
    }

    private static Reply post(As caller, String path, String body) {
        return Lambda.handle(Lambda.event(caller, "POST", path, body, Map.of()).toString());
    }

    /** Walks the inbox as a client scrolls it; the cursor stays valid because seeded activity does not move. */
    private static String cursorOfPage(int page) {
        String cursor = null;
        for (int p = 1; p < page; p++) {
            cursor = ok(get(PROVIDER, "/conversations?limit=" + PAGE_SIZE
                    + (cursor == null ? "" : "&cursor=" + cursor))).json().getString("nextCursor");
            assertNotNull(cursor, "page " + p + " is the last");
        }
        return cursor;
    }

    /** The position inside a cursor, so the raw SQL binds exactly what the API bound for that page. */
    private static InboxPosition decode(String cursor) {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        return new InboxPosition(Instant.parse(parts[0]), Long.parseLong(parts[1]));
    }

    private static Result measure(String operation, Runnable untimedBefore, Supplier<Reply> call,
            Statistics statistics) {
        for (int i = 0; i < WARM_UP; i++) {
            if (untimedBefore != null) {
                untimedBefore.run();
            }
            ok(call.get());
        }
        long[] nanos = new long[ITERATIONS];
        long statements = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            if (untimedBefore != null) {
                untimedBefore.run();
            }
            long before = statistics.getPrepareStatementCount();
            long start = System.nanoTime();
            Reply reply = call.get();
            nanos[i] = System.nanoTime() - start;
            statements += statistics.getPrepareStatementCount() - before;
            ok(reply);
        }
        return new Result(operation, nanos, (double) statements / ITERATIONS);
    }

    private Result measureRaw(String operation, InboxPosition from) {
        JdbcInbox inbox = new JdbcInbox(from);
        assertEquals(PAGE_SIZE + 1, inbox.run(), "rows of a full page and the look-ahead row");
        for (int i = 0; i < WARM_UP; i++) {
            inbox.run();
        }
        long[] nanos = new long[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            long start = System.nanoTime();
            inbox.run();
            nanos[i] = System.nanoTime() - start;
        }
        return new Result(operation, nanos, -1);
    }

    /**
     * {@link ConversationRepository#INBOX_SQL} with its named parameters turned positional, bound as the
     * repository binds them (the service asks for one row more than the page to learn whether another follows),
     * on a pooled connection, every column of every row read.
     */
    private final class JdbcInbox {

        private static final Pattern NAMED = Pattern.compile("(?<!:):([A-Za-z]+)");

        private final String sql;
        private final List<Object> values = new ArrayList<>();

        JdbcInbox(InboxPosition from) {
            Map<String, Object> bound = Map.of("userId", PROVIDER.userId(), "userType", PROVIDER.userType(),
                    "cursorAt", OffsetDateTime.ofInstant(from.activityAt(), ZoneOffset.UTC),
                    "cursorId", from.id(), "limit", PAGE_SIZE + 1);
            Matcher named = NAMED.matcher(ConversationRepository.INBOX_SQL);
            StringBuilder positional = new StringBuilder();
            while (named.find()) {
                values.add(bound.get(named.group(1)));
                named.appendReplacement(positional, "?");
            }
            named.appendTail(positional);
            this.sql = positional.toString();
        }

        int run() {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                int rows = 0;
                try (ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        for (int c = 1; c <= columns; c++) {
                            result.getObject(c);
                        }
                        rows++;
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Reply ok(Reply reply) {
        assertTrue(reply.status() < 300, reply.status() + " " + reply.body());
        return reply;
    }

    private static void resetHeapPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Summed per-pool peaks: pools peak at different moments, so this is an upper bound of the heap used. */
    private static long heapPeaks() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }

    private static String report(List<Result> results, long seedMillis, long peakHeap) {
        StringBuilder out = new StringBuilder();
        out.append("booking-chat API benchmark, ").append(Instant.now()).append('\n');
        out.append("data: %,d conversations (%,d of provider-bench), %,d participants, %,d notifications (%,d unread for provider-bench); seeded in %,d ms%n"
                .formatted(CONVERSATIONS, CONVERSATIONS / PROVIDER_SHARE, 2 * CONVERSATIONS, NOTIFICATIONS,
                        PROVIDER_UNREAD, seedMillis));
        out.append("each operation: %d warm-up calls, then %d timed calls, one at a time, each an API Gateway event handed to the%n"
                .formatted(WARM_UP, ITERATIONS));
        out.append("function's handler as Lambda's runtime hands it (JSON in, handler, JSON out); Twilio emulator on loopback\n");
        out.append("JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, max heap ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n\n");
        out.append("%-34s %9s %9s %9s %11s%n".formatted("operation", "p50 ms", "p99 ms", "mean ms", "statements"));
        for (Result r : results) {
            out.append("%-34s %9.2f %9.2f %9.2f %11s%n".formatted(r.operation(), r.percentileMillis(0.50),
                    r.percentileMillis(0.99), r.meanMillis(),
                    r.statements() < 0 ? "-" : "%.1f".formatted(r.statements())));
        }
        out.append('\n');
        for (int page = 0; page < 2; page++) {
            Result api = results.get(page);
            Result raw = results.get(page + 2);
            out.append("%s: API p50 / raw SQL p50 = %.2f / %.2f ms = %.2fx (target <= 1.5x)%n".formatted(
                    api.operation(), api.percentileMillis(0.5), raw.percentileMillis(0.5),
                    api.percentileMillis(0.5) / raw.percentileMillis(0.5)));
        }
        Result viaMockServer = results.get(results.size() - 1);
        out.append("(through the mock event server's HTTP hops, which no deployed function has: %.2fx)%n".formatted(
                viaMockServer.percentileMillis(0.5) / results.get(2).percentileMillis(0.5)));
        out.append("peak heap while measuring: %d MiB (sum of heap pool peaks, an upper bound; the test JVM also holds the mock event server, the emulator and the test client)%n"
                .formatted(peakHeap >> 20));
        return out.toString();
    }
}
