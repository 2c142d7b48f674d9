package com.bookingchat.erasure;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.bookingchat.identity.SystemClient;
import com.bookingchat.persistence.UserType;
import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Erases a person (GDPR): runs every {@link ErasureStep} in order under the erasure's lease, then marks the
 * erasure finished. Idempotent: a finished erasure answers its record again and touches nothing; an
 * interrupted one (Twilio down, the function's time up) keeps its counts and lease, and the next call takes
 * it over and finishes it, since every step resumes from what is left.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final List<ErasureStep> steps;
    private final ErasureRecords records;
    private final SubjectDigests digests;
    private final ErasureConfig config;

    ErasureService(Instance<ErasureStep> steps, ErasureRecords records, SubjectDigests digests, ErasureConfig config) {
        this.steps = steps.stream().sorted(Comparator.comparingInt(ErasureStep::order)).toList();
        this.records = records;
        this.digests = digests;
        this.config = config;
    }

    public ErasureSummary erase(SystemClient client, UserType userType, String userId) {
        ErasureSubject subject = new ErasureSubject(userId, userType, digests.of(userType, userId));
        ErasureRecords.Held held = QuarkusTransaction.requiringNew().call(() -> records.claim(subject.digest(), config.lease()));
        if (held.summary().completedAt() != null) {
            return held.summary();
        }
        if (!held.ours()) {
            throw new ServiceException(ErrorCode.ERASURE_IN_PROGRESS, "An erasure of this person is in progress",
                    Duration.between(Instant.now(), held.claimedUntil()), null);
        }
        LOG.infof("erasure %s started or resumed for %s", subject.digest(), client.clientId());
        ErasureTally tally = (what, count) -> QuarkusTransaction.joiningExisting()
                .run(() -> records.add(subject.digest(), what, count));
        try {
            steps.forEach(step -> step.run(subject, tally));
        } catch (RuntimeException e) {
            try {
                QuarkusTransaction.requiringNew().run(() -> records.release(subject.digest()));
            } catch (RuntimeException releaseFailed) {
                // the lease runs out by itself; the caller must hear the original failure
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
        ErasureSummary done = QuarkusTransaction.requiringNew().call(() -> records.complete(subject.digest()));
        LOG.infof("erasure %s finished: %s", subject.digest(), done.removed());
        return done;
    }
}
