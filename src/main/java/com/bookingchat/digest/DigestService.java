package com.bookingchat.digest;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.bookingchat.notifications.DigestNotifier;
import com.bookingchat.notifications.DigestNotifier.AddressRefused;
import com.bookingchat.notifications.DigestNotifier.ConversationUnread;
import com.bookingchat.notifications.DigestNotifier.Delivery;
import com.bookingchat.notifications.DigestNotifier.Digest;
import com.bookingchat.notifications.NotificationChannel;
import com.bookingchat.notifications.QuietHours;
import com.bookingchat.observability.Metric;
import com.bookingchat.observability.Metrics;
import com.bookingchat.persistence.DigestClaim;
import com.bookingchat.persistence.NotificationRepository;
import com.bookingchat.persistence.NotificationRepository.DigestChannel;
import com.bookingchat.persistence.ParticipantRepository;
import com.bookingchat.persistence.UnreadGroup;
import com.bookingchat.persistence.UnreadGroup.Reach;
import com.bookingchat.service.Reconciler;

import com.twilio.exception.ApiException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The unread digest: everyone with messages unread for longer than the delay gets one digest per channel
 * (SMS, then e-mail) per run, and every notification is digested once per channel. Work is claimed a batch of
 * recipients at a time, each batch in its own transaction that holds its rows from claim to commit, so
 * overlapping runs never share a recipient and a crash or timeout leaves a batch's notifications undigested for
 * the next run. Each channel marks its own deliveries, so one channel failing neither blocks nor repeats the
 * other. A channel the recipient turned off is marked done without sending; during the recipient's quiet hours
 * nothing is sent or marked, so the messages wait for the first run after. A phone Twilio refuses for good is
 * recorded and not texted again; the digests it refused count as done.
 */
@ApplicationScoped
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);
    /** No Lambda invocation lives longer, so no batch transaction needs to either. */
    private static final long MAX_BATCH_SECONDS = 900;

    private final NotificationRepository notifications;
    private final ParticipantRepository participants;
    private final List<DigestNotifier> notifiers;
    private final DigestConfig config;
    private final Reconciler reconciler;
    private final Metrics metrics;

    DigestService(NotificationRepository notifications, ParticipantRepository participants,
            Instance<DigestNotifier> notifiers, DigestConfig config, Reconciler reconciler, Metrics metrics) {
        this.notifications = notifications;
        this.participants = participants;
        this.notifiers = notifiers.stream().sorted(Comparator.comparing(DigestNotifier::channel)).toList();
        this.config = config;
        this.reconciler = reconciler;
        this.metrics = metrics;
    }

    /**
     * With the time the digest left, backfills messages Twilio holds that were never recorded (a send that
     * timed out after Twilio accepted it, a lost webhook), so their recipients' unread counts include them and
     * the next run digests them. It gets at most its own budget, and what it leaves undone waits for the next run.
     */
    private void reconcile(LongSupplier remainingMillis, Clock clock) {
        if (config.reconcileWindow().isZero()) {
            return;
        }
        long usable = Math.max(0, remainingMillis.getAsLong() - config.timeMargin().toMillis());
        Instant stopBy = clock.instant().plusMillis(Math.min(usable, config.reconcileBudget().toMillis()));
        Reconciler.Outcome outcome = reconciler.reconcile(config.reconcileWindow(), stopBy);
        LOG.infof("reconciled %d conversations: %d messages backfilled, %d left for the next run%s",
                outcome.conversationsChecked(), outcome.messagesRecorded(), outcome.conversationsFailed(),
                outcome.stoppedForTime() ? ", stopped for time" : "");
    }

    /**
     * Digests on every channel, batch after batch, until nothing is left to claim or less than the time margin
     * remains, by the system clock.
     *
     * @param remainingMillis time left in the invocation; {@code Long.MAX_VALUE} where there is no deadline
     */
    public DigestRun run(LongSupplier remainingMillis) {
        return run(remainingMillis, Clock.systemUTC());
    }

    /**
     * The same by the given clock, which says what is old enough to digest and whose quiet hours it is.
     *
     * @param remainingMillis time left in the invocation; {@code Long.MAX_VALUE} where there is no deadline
     */
    public DigestRun run(LongSupplier remainingMillis, Clock clock) {
        ExecutorService senders = Executors.newFixedThreadPool(config.sendConcurrency(),
                task -> new Thread(task, "unread-digest-sender"));
        Map<NotificationChannel, DigestSummary> channels = new LinkedHashMap<>();
        try {
            boolean stopped = false;
            for (DigestNotifier notifier : notifiers) {
                DigestSummary summary = stopped ? DigestSummary.NOT_STARTED
                        : run(notifier, remainingMillis, clock, senders);
                stopped |= summary.stoppedEarly();
                channels.put(notifier.channel(), summary);
                count(notifier.channel(), summary);
            }
        } catch (RuntimeException e) {
            metrics.count(Metric.DIGEST_RUNS, "failed");
            throw e;
        } finally {
            senders.shutdownNow();
        }
        DigestRun run = new DigestRun(channels.getOrDefault(NotificationChannel.SMS, DigestSummary.NOT_STARTED),
                channels.getOrDefault(NotificationChannel.EMAIL, DigestSummary.NOT_STARTED));
        metrics.count(Metric.DIGEST_RUNS, run.stoppedEarly() ? "stopped_early" : "completed");
        if (!run.stoppedEarly()) {
            reconcile(remainingMillis, clock);
        }
        return run;
    }

    private void count(NotificationChannel channel, DigestSummary summary) {
        String name = channel.wire();
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.recipientsNotified() - summary.recordedWithoutSending(), name, "notified");
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.recordedWithoutSending(), name, "recorded");
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.failedRecipients(), name, "failed");
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.addressesRefused(), name, "refused");
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.mutedRecipients(), name, "muted");
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.deferredRecipients(), name, "deferred");
    }

    private DigestSummary run(DigestNotifier notifier, LongSupplier remainingMillis, Clock clock,
            ExecutorService senders) {
        DigestChannel channel = DigestChannel.valueOf(notifier.channel().name());
        Instant cutoff = clock.instant().minus(config.delay());
        // Sorts before every user id, none of which is blank.
        String after = "";
        Tally total = new Tally();
        int batches = 0;
        boolean stoppedEarly = false;
        while (!stoppedEarly) {
            long remaining = remainingMillis.getAsLong();
            if (remaining < config.timeMargin().toMillis()) {
                stoppedEarly = true;
                break;
            }
            String from = after;
            Batch batch = QuarkusTransaction.requiringNew()
                    // The transaction must outlive the batch's last send, which the margin keeps inside the invocation.
                    .timeout((int) Math.min(MAX_BATCH_SECONDS, remaining / 1000 + 1))
                    .call(() -> batch(notifier, channel, cutoff, from, remainingMillis, clock, senders));
            if (batch.lastCandidate() == null) {
                break;
            }
            batches++;
            total.add(batch.tally());
            stoppedEarly = batch.outOfTime();
            after = batch.lastCandidate();
        }
        DigestSummary summary = total.summary(batches, stoppedEarly);
        LOG.infof("unread digest by %s: %s", notifier.channel().wire(), summary);
        return summary;
    }

    /**
     * One transaction: claim a batch of recipients, deliver their digests (several at once; the notifier does
     * not touch the database, so the senders need no transaction), mark what was delivered, muted or refused
     * for good, and record the refused phones.
     */
    private Batch batch(DigestNotifier notifier, DigestChannel channel, Instant cutoff, String after,
            LongSupplier remainingMillis, Clock clock, ExecutorService senders)
            throws InterruptedException, ExecutionException {
        DigestClaim claim = notifications.claimForDigest(channel, cutoff, after, config.batchSize());
        List<Recipient> recipients = byRecipient(claim.groups());
        List<Future<Outcome>> outcomes = senders.invokeAll(recipients.stream()
                .map(recipient -> (Callable<Outcome>) () -> deliver(notifier, recipient, remainingMillis, clock))
                .toList());
        List<Long> done = new ArrayList<>();
        Tally tally = new Tally();
        boolean outOfTime = false;
        Instant now = clock.instant();
        for (int i = 0; i < recipients.size(); i++) {
            Outcome outcome = outcomes.get(i).get();
            Recipient recipient = recipients.get(i);
            switch (outcome.kind()) {
                case SENT, RECORDED -> {
                    tally.notified++;
                    done.addAll(recipient.notificationIds());
                }
                case MUTED -> {
                    tally.muted++;
                    done.addAll(recipient.notificationIds());
                }
                case REFUSED -> {
                    tally.refused++;
                    done.addAll(recipient.notificationIds());
                    if (channel == DigestChannel.SMS) {
                        participants.recordPhoneRefusal(recipient.userId(), recipient.reach().address(),
                                outcome.refusalCode(), now);
                    }
                }
                case DEFERRED -> tally.deferred++;
                case FAILED -> tally.failed++;
                case NOT_TRIED -> outOfTime = true;
            }
            if (outcome.kind() == Kind.RECORDED) {
                tally.recorded++;
            }
        }
        tally.digested = notifications.markDigested(channel, done, now);
        return new Batch(claim.lastCandidate(), tally, outOfTime);
    }

    /**
     * A digest not tried for lack of time stays undigested, and its rows are unlocked at commit, for the next run;
     * so does one that falls in the recipient's quiet hours. A channel the recipient turned off is done without a
     * word. An address refused for good before is not tried: the digest is logged as its record, as for no
     * address at all.
     */
    private Outcome deliver(DigestNotifier notifier, Recipient recipient, LongSupplier remainingMillis, Clock clock) {
        if (remainingMillis.getAsLong() < config.timeMargin().toMillis()) {
            return Outcome.NOT_TRIED;
        }
        Reach reach = recipient.reach();
        String channel = notifier.channel().wire();
        if (!reach.enabled()) {
            return Outcome.MUTED;
        }
        if (quiet(reach, clock.instant())) {
            return Outcome.DEFERRED;
        }
        Digest digest = new Digest(recipient.userId(), reach.address(), recipient.conversations());
        if (reach.refused()) {
            LOG.debugf("unread %s digest recorded, not sent (refused for good before): %d messages in %d conversations",
                    channel, digest.messages(), digest.conversations().size());
            return Outcome.RECORDED;
        }
        try {
            return notifier.deliver(digest) == Delivery.RECORDED ? Outcome.RECORDED : Outcome.SENT;
        } catch (AddressRefused e) {
            LOG.warnf("unread %s digest refused for good (error %d): the address is not tried again until it changes",
                    channel, e.code());
            return new Outcome(Kind.REFUSED, e.code());
        } catch (RuntimeException e) {
            // Twilio's and the SMTP server's error texts may quote the address, so only codes and types are logged.
            LOG.warnf("unread %s digest not delivered, the next run retries: %s", channel, e instanceof ApiException api
                    ? "Twilio error " + api.getCode() + " (HTTP " + api.getStatusCode() + ")" : e.getClass().getName());
            return Outcome.FAILED;
        }
    }

    /** A zone the JDK no longer knows (a tz database update) reads as UTC rather than failing the recipient. */
    private static boolean quiet(Reach reach, Instant now) {
        if (reach.quietStart() == null) {
            return false;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(reach.timeZone());
        } catch (DateTimeException e) {
            zone = ZoneId.of("UTC");
        }
        return new QuietHours(LocalTime.parse(reach.quietStart()), LocalTime.parse(reach.quietEnd())).covers(now, zone);
    }

    /** The claim lists groups recipient by recipient, each recipient's latest conversation first. */
    private static List<Recipient> byRecipient(List<UnreadGroup> groups) {
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        for (UnreadGroup group : groups) {
            Recipient recipient = recipients.computeIfAbsent(group.recipientUserId(),
                    id -> new Recipient(id, group.reach(), new ArrayList<>(), new ArrayList<>()));
            recipient.conversations().add(new ConversationUnread(group.bookingId(), group.messages(), group.authors()));
            recipient.notificationIds().addAll(group.notificationIds());
        }
        return List.copyOf(recipients.values());
    }

    private enum Kind {
        SENT, RECORDED, MUTED, DEFERRED, REFUSED, FAILED, NOT_TRIED
    }

    /** What became of one recipient's digest; {@code refusalCode} is the provider's error where it refused the address. */
    private record Outcome(Kind kind, int refusalCode) {
        static final Outcome SENT = new Outcome(Kind.SENT, 0);
        static final Outcome RECORDED = new Outcome(Kind.RECORDED, 0);
        static final Outcome MUTED = new Outcome(Kind.MUTED, 0);
        static final Outcome DEFERRED = new Outcome(Kind.DEFERRED, 0);
        static final Outcome FAILED = new Outcome(Kind.FAILED, 0);
        static final Outcome NOT_TRIED = new Outcome(Kind.NOT_TRIED, 0);
    }

    private record Recipient(String userId, Reach reach, List<ConversationUnread> conversations,
            List<Long> notificationIds) {
    }

    /** Counts of one channel's outcomes, over a batch or a whole run. */
    private static final class Tally {
        int notified;
        int recorded;
        int refused;
        int muted;
        int deferred;
        long digested;
        int failed;

        void add(Tally other) {
            notified += other.notified;
            recorded += other.recorded;
            refused += other.refused;
            muted += other.muted;
            deferred += other.deferred;
            digested += other.digested;
            failed += other.failed;
        }

        DigestSummary summary(int batches, boolean stoppedEarly) {
            return new DigestSummary(notified, recorded, refused, muted, deferred, digested, failed, batches, stoppedEarly);
        }
    }

    private record Batch(String lastCandidate, Tally tally, boolean outOfTime) {
    }
}
