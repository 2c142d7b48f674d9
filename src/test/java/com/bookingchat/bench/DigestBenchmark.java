package com.bookingchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.digest.DigestSeed;
import com.bookingchat.digest.DigestService;
import com.bookingchat.digest.DigestSummary;
import com.bookingchat.twilio.emulator.TwilioEmulator;
import com.sun.management.GarbageCollectionNotificationInfo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The unread digest over 1,000,000 unread notifications of 50,000 recipients, through the real service,
 * repository and SMS notifier against the emulator, in a schema of its own. Not a test of speed: it prints
 * run time, rows per second and heap figures, and checks only that everything was digested once.
 * <p>
 * Run alone, under the heap target, with {@code ./mvnw -Pbench test} (the bench profile selects this tag and
 * sets {@code -Xmx256m}); the normal build excludes the tag. The emulator shares the JVM and its heap.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(DigestBenchmark.BenchSchema.class)
class DigestBenchmark {

    private static final int RECIPIENTS = 50_000;
    private static final int MESSAGES_PER_AUTHOR = 10;
    private static final int NOTIFICATIONS = 2 * RECIPIENTS * MESSAGES_PER_AUTHOR;
    /** DigestSeed gives every tenth user no phone. */
    private static final int TEXTED = RECIPIENTS - RECIPIENTS / 10;

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Inject
    DigestService digests;

    @Test
    void digestAMillionUnreadNotificationsOfFiftyThousandRecipients() throws Exception {
        fixtures.reset();
        emulator.keepExchanges(false);
        long seeding = System.nanoTime();
        DigestSeed.statements(RECIPIENTS, MESSAGES_PER_AUTHOR, Duration.ofHours(1)).forEach(fixtures::execute);
        System.out.printf("seeded %,d notifications for %,d recipients in %.1f s%n", NOTIFICATIONS, RECIPIENTS,
                seconds(System.nanoTime() - seeding));

        HeapWatch heap = new HeapWatch();
        long started = System.nanoTime();
        DigestSummary summary = digests.run(() -> Long.MAX_VALUE).sms();
        double elapsed = seconds(System.nanoTime() - started);
        heap.stop();

        System.out.printf("""
                digest: %s
                run time            %.1f s
                rows per second     %,.0f notifications/s (%,.0f recipients/s)
                peak heap           %,d MB live (the most any of %d collections left), within -Xmx %,d MB
                heap before the run %,d MB live (application, emulator, seeding leftovers)
                %n""", summary, elapsed, summary.notificationsDigested() / elapsed, summary.recipientsNotified() / elapsed,
                heap.peakAfterGc() >> 20, heap.collections(), Runtime.getRuntime().maxMemory() >> 20,
                heap.before() >> 20);

        assertEquals(new DigestSummary(RECIPIENTS, RECIPIENTS - TEXTED, 0, 0, 0, NOTIFICATIONS, 0, summary.batches(), false),
                summary);
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NULL"));
        assertEquals(TEXTED, emulator.sentSms().size());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * The largest heap any collection left behind since construction: what the run kept alive, unlike the pools'
     * peak usage, which counts garbage not yet collected and so only says how lazily the collector ran.
     */
    private static final class HeapWatch {

        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();
        private final NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
                        .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc();
                long used = pools.stream().map(pool -> after.get(pool.getName()))
                        .mapToLong(usage -> usage == null ? 0 : usage.getUsed()).sum();
                peakAfterGc.accumulateAndGet(used, Math::max);
                collections.incrementAndGet();
            }
        };
        private final long before;

        HeapWatch() {
            System.gc();
            before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            ManagementFactory.getGarbageCollectorMXBeans()
                    .forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
        }

        void stop() throws Exception {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            }
        }

        long before() {
            return before;
        }

        long peakAfterGc() {
            return peakAfterGc.get();
        }

        long collections() {
            return collections.get();
        }
    }

    /**
     * A schema of its own, so a million rows never meet the tests' data; the production batch size instead of the
     * tests' two; no exchange file, and no per-recipient log line for the 5,000 recipients without a phone.
     */
    public static class BenchSchema implements QuarkusTestProfile {

        /** Beside the checkout's test schema (TEST_DB_SCHEMA), so benchmarks of two checkouts never meet either. */
        private static final String SCHEMA = System.getenv().getOrDefault("TEST_DB_SCHEMA", "booking_chat_test") + "_bench";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + SCHEMA,
                    "quarkus.flyway.schemas", SCHEMA,
                    "quarkus.hibernate-orm.database.default-schema", SCHEMA,
                    "booking-chat.digest.batch-size", "100",
                    // the seeded conversations exist only in PostgreSQL: there is nothing in Twilio to reconcile
                    "booking-chat.digest.reconcile-window", "0S",
                    "twilio.emulator.record-to", "",
                    "quarkus.log.category.\"com.bookingchat.digest.SmsDigestNotifier\".level", "WARN");
        }
    }
}
