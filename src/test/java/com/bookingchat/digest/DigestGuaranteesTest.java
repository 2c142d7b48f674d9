package com.bookingchat.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bookingchat.Fixtures;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Once per notification, once per recipient and run, whatever the batches, the overlapping runs, the failed
 * SMS and the clock do. The test profile claims two recipients per batch.
 */
@QuarkusTest
class DigestGuaranteesTest {

    private static final LongSupplier NO_DEADLINE = () -> Long.MAX_VALUE;
    private static final String MESSAGES = "/Messages\\.json$";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Inject
    DigestService digests;

    @BeforeEach
    void cleanSlate() {
        fixtures.reset();
    }

    @Test
    void recipientsSpreadOverManyBatchesStillGetOneDigestEachWithAllTheirMessages() {
        seed(10, 3);

        DigestSummary summary = digests.run(NO_DEADLINE).sms();

        assertEquals(new DigestSummary(10, 1, 0, 0, 0, 60, 0, 5, false), summary);
        Map<String, Long> perPhone = smsPerPhone();
        assertEquals(9, perPhone.size(), perPhone.toString());
        assertTrue(perPhone.values().stream().allMatch(n -> n == 1), perPhone.toString());
        for (Map<String, String> sms : emulator.sentSms()) {
            String body = sms.get("body");
            assertTrue(body.startsWith("You have 6 unread messages in booking chat:\n"), body);
            assertEquals(2, body.split(": 3 from ", -1).length - 1, body);
        }
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NULL"));
    }

    @Test
    void twoOverlappingRunsDigestEveryNotificationOnceAndTextEachRecipientOnce() throws Exception {
        seed(50, 2);
        // Slow SMS keep both runs busy at the same time.
        emulator.delayNext("POST", MESSAGES, Duration.ofMillis(20), 1000);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<DigestSummary>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                Arc.container().requestContext().activate();
                try {
                    return digests.run(NO_DEADLINE).sms();
                } finally {
                    Arc.container().requestContext().terminate();
                }
            }));
        }
        start.countDown();
        List<DigestSummary> summaries = new ArrayList<>();
        for (Future<DigestSummary> run : runs) {
            summaries.add(run.get());
        }
        pool.shutdown();

        assertEquals(200, summaries.stream().mapToLong(DigestSummary::notificationsDigested).sum(), summaries.toString());
        assertEquals(50, summaries.stream().mapToInt(DigestSummary::recipientsNotified).sum(), summaries.toString());
        assertEquals(0, summaries.stream().mapToInt(DigestSummary::failedRecipients).sum(), summaries.toString());
        Map<String, Long> perPhone = smsPerPhone();
        assertEquals(45, perPhone.size(), perPhone.toString());
        assertTrue(perPhone.values().stream().allMatch(n -> n == 1), perPhone.toString());
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NULL"));
    }

    @Test
    void aRecipientWhoseSmsFailsForAPassingReasonIsRetriedByTheNextRunWhileTheOthersAreDigested() {
        seed(10, 1);
        // Twilio rate-limits one SMS, whichever is sent first.
        emulator.failNext("POST", MESSAGES, 429, 20429, 1);

        DigestSummary first = digests.run(NO_DEADLINE).sms();

        assertEquals(new DigestSummary(9, 1, 0, 0, 0, 18, 1, 5, false), first);
        assertEquals(0, fixtures.count("conversation_participants WHERE phone_refused_at IS NOT NULL"));
        String failed = fixtures.queryString(
                "SELECT string_agg(DISTINCT recipient_user_id, ',') FROM message_notifications WHERE digested_at IS NULL");
        String phone = fixtures.queryString(
                "SELECT max(phone) FROM conversation_participants WHERE user_id = '" + failed + "'");
        assertEquals(8, emulator.sentSms().size());
        assertEquals(0, smsPerPhone().getOrDefault(phone, 0L));

        DigestSummary retry = digests.run(NO_DEADLINE).sms();

        assertEquals(new DigestSummary(1, 0, 0, 0, 0, 2, 0, 1, false), retry);
        assertEquals(1, smsPerPhone().get(phone));
        assertEquals(9, emulator.sentSms().size());
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NULL"));
    }

    /**
     * 21610 the recipient replied STOP, 21211 an invalid number, 21614 not a mobile number, 21408 a region not
     * enabled: retrying on every run would be refused every time, so the refusal is recorded and the phone rests.
     */
    @ParameterizedTest(name = "Twilio error {0}")
    @ValueSource(ints = { 21610, 21211, 21614, 21408 })
    void aPhoneTwilioRefusesForGoodIsRecordedAndNotTextedAgainUntilItsNumberChanges(int twilioCode) {
        seed(10, 1);
        emulator.failNext("POST", MESSAGES, 400, twilioCode, 1);

        DigestSummary refusing = digests.run(NO_DEADLINE).sms();

        assertEquals(new DigestSummary(9, 1, 1, 0, 0, 20, 0, 5, false), refusing);
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NULL"), "a refused digest counts as done");
        String refused = fixtures.queryString(
                "SELECT string_agg(DISTINCT user_id, ',') FROM conversation_participants WHERE phone_refused_at IS NOT NULL");
        String phone = fixtures.queryString("SELECT max(phone) FROM conversation_participants WHERE user_id = '" + refused + "'");
        assertEquals(2, fixtures.count("conversation_participants WHERE user_id = '" + refused + "' AND phone_refusal_code = "
                + twilioCode + " AND phone_refused_at > now() - interval '1 minute'"), "both of its rows hold that phone");
        assertEquals(8, emulator.sentSms().size());

        newMessagesForEveryone();
        DigestSummary resting = digests.run(NO_DEADLINE).sms();

        assertEquals(new DigestSummary(10, 2, 0, 0, 0, 20, 0, 5, false), resting);
        assertEquals(0, smsPerPhone().getOrDefault(phone, 0L));
        assertEquals(16, emulator.sentSms().size());

        fixtures.execute("UPDATE conversation_participants SET phone = '+15550009999' WHERE user_id = '" + refused + "'");
        newMessagesForEveryone();
        DigestSummary changed = digests.run(NO_DEADLINE).sms();

        assertEquals(new DigestSummary(10, 1, 0, 0, 0, 20, 0, 5, false), changed);
        assertEquals(1, smsPerPhone().get("+15550009999"));
        assertEquals(25, emulator.sentSms().size());
        assertEquals(0, fixtures.count("conversation_participants WHERE phone_refused_at IS NOT NULL"));
    }

    @Test
    void aRunOutOfTimeStopsBetweenRecipientsAndLeavesTheRestForTheNextRun() {
        seed(10, 1);

        assertEquals(new DigestSummary(0, 0, 0, 0, 0, 0, 0, 0, true), digests.run(() -> 0).sms());
        assertEquals(0, fixtures.count("message_notifications WHERE digested_at IS NOT NULL"));

        // Time enough to start the run and one digest; by the batch's other recipient the margin is reached.
        AtomicInteger asked = new AtomicInteger();
        DigestSummary cut = digests.run(() -> asked.getAndIncrement() < 2 ? Duration.ofHours(1).toMillis() : 0).sms();

        assertEquals(new DigestSummary(1, cut.recordedWithoutSending(), 0, 0, 0, 2, 0, 1, true), cut);
        assertEquals(18, fixtures.count("message_notifications WHERE digested_at IS NULL"));

        DigestSummary rest = digests.run(NO_DEADLINE).sms();

        assertEquals(new DigestSummary(9, 1 - cut.recordedWithoutSending(), 0, 0, 0, 18, 0, 5, false), rest);
        assertEquals(9, smsPerPhone().size());
        assertTrue(smsPerPhone().values().stream().allMatch(n -> n == 1));
    }

    /** Every notification undigested again, as if each recipient had new unread messages of the same age. */
    private void newMessagesForEveryone() {
        fixtures.execute("UPDATE message_notifications SET digested_at = NULL");
    }

    private void seed(int users, int messagesPerAuthor) {
        DigestSeed.statements(users, messagesPerAuthor, Duration.ofHours(1)).forEach(fixtures::execute);
    }

    private Map<String, Long> smsPerPhone() {
        return emulator.sentSms().stream().collect(Collectors.groupingBy(sms -> sms.get("to"), Collectors.counting()));
    }
}
