package com.bookingchat.digest;

import java.time.Instant;
import java.util.ArrayList;
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

import org.jboss.logging.Logger;

import com.bookingchat.observability.Metric;
import com.bookingchat.observability.Metrics;
import com.bookingchat.persistence.DigestClaim;
import com.bookingchat.persistence.NotificationRepository;
import com.bookingchat.persistence.ParticipantRepository;
import com.bookingchat.persistence.UnreadGroup;
import com.bookingchat.service.DigestNotifier;
import com.bookingchat.service.Reconciler;
import com.bookingchat.service.DigestNotifier.ConversationUnread;
import com.bookingchat.service.DigestNotifier.Delivery;
import com.bookingchat.service.DigestNotifier.Digest;
import com.bookingchat.service.DigestNotifier.PhoneRefused;

import com.twilio.exception.ApiException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The unread digest: everyone with messages unread for longer than the delay gets one digest per run, and
 * every notification is digested once. Work is claimed a batch of recipients at a time, each batch in its
 * own transaction that holds its rows from claim to commit, so overlapping runs never share a recipient and
 * a crash or timeout leaves a batch's notifications undigested for the next run. A phone Twilio refuses for
 * good is recorded and not texted again; the digests it refused count as done.
 */
@ApplicationScoped
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);
    /** No Lambda invocation lives longer, so no batch transaction needs to either. */
    private static final long MAX_BATCH_SECONDS = 900;

    private final NotificationRepository notifications;
    private final ParticipantRepository participants;
    private final DigestNotifier notifier;
    private final DigestConfig config;
    private final Reconciler reconciler;
    private final Metrics metrics;

    DigestService(NotificationRepository notifications, ParticipantRepository participants, DigestNotifier notifier,
            DigestConfig config, Reconciler reconciler, Metrics metrics) {
        this.notifications = notifications;
        this.participants = participants;
        this.notifier = notifier;
        this.config = config;
        this.reconciler = reconciler;
        this.metrics = metrics;
    }

    /**
     * With the time the digest left, backfills messages Twilio holds that were never recorded (a send that
     * timed out after Twilio accepted it, a lost webhook), so their recipients' unread counts include them and
     * the next run digests them. It gets at most its own budget, and what it leaves undone waits for the next run.
     */
    private void reconcile(LongSupplier remainingMillis) {
        if (config.reconcileWindow().isZero()) {
            return;
        }
        long usable = Math.max(0, remainingMillis.getAsLong() - config.timeMargin().toMillis());
        Instant stopBy = Instant.now().plusMillis(Math.min(usable, config.reconcileBudget().toMillis()));
        Reconciler.Outcome outcome = reconciler.reconcile(config.reconcileWindow(), stopBy);
        LOG.infof("reconciled %d conversations: %d messages backfilled, %d left for the next run%s",
                outcome.conversationsChecked(), outcome.messagesRecorded(), outcome.conversationsFailed(),
                outcome.stoppedForTime() ? ", stopped for time" : "");
    }

    /**
     * Digests batch after batch until nothing is left to claim or less than the time margin remains.
     *
     * @param remainingMillis time left in the invocation; {@code Long.MAX_VALUE} where there is no deadline
     */
    public DigestSummary run(LongSupplier remainingMillis) {
        ExecutorService senders = Executors.newFixedThreadPool(config.sendConcurrency(),
                task -> new Thread(task, "unread-digest-sender"));
        DigestSummary summary;
        try {
            summary = run(remainingMillis, senders);
        } catch (RuntimeException e) {
            metrics.count(Metric.DIGEST_RUNS, "failed");
            throw e;
        } finally {
            senders.shutdownNow();
        }
        count(summary);
        if (!summary.stoppedEarly()) {
            reconcile(remainingMillis);
        }
        return summary;
    }

    private void count(DigestSummary summary) {
        metrics.count(Metric.DIGEST_RUNS, summary.stoppedEarly() ? "stopped_early" : "completed");
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.recipientsNotified() - summary.recordedWithoutSending(), "notified");
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.recordedWithoutSending(), "recorded");
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.failedRecipients(), "failed");
        metrics.add(Metric.DIGEST_RECIPIENTS, summary.phonesRefused(), "refused");
    }

    private DigestSummary run(LongSupplier remainingMillis, ExecutorService senders) {
        Instant cutoff = Instant.now().minus(config.delay());
        // Sorts before every user id, none of which is blank.
        String after = "";
        int notified = 0;
        int recorded = 0;
        int refused = 0;
        long digested = 0;
        int failed = 0;
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
                    .call(() -> batch(cutoff, from, remainingMillis, senders));
            if (batch.lastCandidate() == null) {
                break;
            }
            batches++;
            notified += batch.notified();
            recorded += batch.recorded();
            refused += batch.refused();
            digested += batch.digested();
            failed += batch.failed();
            stoppedEarly = batch.outOfTime();
            after = batch.lastCandidate();
        }
        DigestSummary summary = new DigestSummary(notified, recorded, refused, digested, failed, batches, stoppedEarly);
        LOG.infof("unread digest: %s", summary);
        return summary;
    }

    /**
     * One transaction: claim a batch of recipients, deliver their digests (several at once; the notifier does
     * not touch the database, so the senders need no transaction), mark what was delivered or refused for good,
     * and record the refused phones.
     */
    private Batch batch(Instant cutoff, String after, LongSupplier remainingMillis, ExecutorService senders)
            throws InterruptedException, ExecutionException {
        DigestClaim claim = notifications.claimForDigest(cutoff, after, config.batchSize());
        List<Recipient> recipients = byRecipient(claim.groups());
        List<Future<Outcome>> outcomes = senders.invokeAll(recipients.stream()
                .map(recipient -> (Callable<Outcome>) () -> deliver(recipient, remainingMillis))
                .toList());
        List<Long> done = new ArrayList<>();
        int notified = 0;
        int recorded = 0;
        int refused = 0;
        int failed = 0;
        boolean outOfTime = false;
        Instant now = Instant.now();
        for (int i = 0; i < recipients.size(); i++) {
            Outcome outcome = outcomes.get(i).get();
            Recipient recipient = recipients.get(i);
            switch (outcome.kind()) {
                case SENT, RECORDED -> {
                    notified++;
                    done.addAll(recipient.notificationIds());
                }
                case REFUSED -> {
                    refused++;
                    done.addAll(recipient.notificationIds());
                    participants.recordPhoneRefusal(recipient.digest().recipientUserId(), recipient.digest().phone(),
                            outcome.refusalCode(), now);
                }
                case FAILED -> failed++;
                case NOT_TRIED -> outOfTime = true;
            }
            if (outcome.kind() == Kind.RECORDED) {
                recorded++;
            }
        }
        int digested = notifications.markDigested(done, now);
        return new Batch(claim.lastCandidate(), notified, recorded, refused, digested, failed, outOfTime);
    }

    /**
     * A digest not tried for lack of time stays undigested, and its rows are unlocked at commit, for the next run.
     * A phone refused for good before is not texted: the digest is logged as its record, as for no phone at all.
     */
    private Outcome deliver(Recipient recipient, LongSupplier remainingMillis) {
        if (remainingMillis.getAsLong() < config.timeMargin().toMillis()) {
            return Outcome.NOT_TRIED;
        }
        Digest digest = recipient.digest();
        if (recipient.phoneRefused()) {
            LOG.debugf("unread digest recorded, not sent (Twilio refused its phone for good): %d messages in %d conversations",
                    digest.messages(), digest.conversations().size());
            return Outcome.RECORDED;
        }
        try {
            return notifier.deliver(digest) == Delivery.RECORDED ? Outcome.RECORDED : Outcome.SENT;
        } catch (PhoneRefused e) {
            LOG.warnf("unread digest refused for good (Twilio error %d): its phone is not texted again until it changes",
                    e.code());
            return new Outcome(Kind.REFUSED, e.code());
        } catch (RuntimeException e) {
            // Twilio's error text may quote the phone number, so only its codes are logged.
            LOG.warnf("unread digest not delivered, the next run retries: %s", e instanceof ApiException api
                    ? "Twilio error " + api.getCode() + " (HTTP " + api.getStatusCode() + ")" : e.getClass().getName());
            return Outcome.FAILED;
        }
    }

    /** The claim lists groups recipient by recipient, each recipient's latest conversation first. */
    private static List<Recipient> byRecipient(List<UnreadGroup> groups) {
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        for (UnreadGroup group : groups) {
            Recipient recipient = recipients.computeIfAbsent(group.recipientUserId(),
                    id -> new Recipient(new Digest(id, group.recipientPhone(), new ArrayList<>()),
                            group.recipientPhoneRefused(), new ArrayList<>()));
            recipient.digest().conversations().add(
                    new ConversationUnread(group.bookingId(), group.messages(), group.authors()));
            recipient.notificationIds().addAll(group.notificationIds());
        }
        return List.copyOf(recipients.values());
    }

    private enum Kind {
        SENT, RECORDED, REFUSED, FAILED, NOT_TRIED
    }

    /** What became of one recipient's digest; {@code refusalCode} is Twilio's error where it refused the phone. */
    private record Outcome(Kind kind, int refusalCode) {
        static final Outcome SENT = new Outcome(Kind.SENT, 0);
        static final Outcome RECORDED = new Outcome(Kind.RECORDED, 0);
        static final Outcome FAILED = new Outcome(Kind.FAILED, 0);
        static final Outcome NOT_TRIED = new Outcome(Kind.NOT_TRIED, 0);
    }

    private record Recipient(Digest digest, boolean phoneRefused, List<Long> notificationIds) {
    }

    private record Batch(String lastCandidate, int notified, int recorded, int refused, int digested, int failed,
            boolean outOfTime) {
    }
}
