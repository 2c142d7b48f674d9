package com.bookingchat.erasure;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The erasures table (migration V9_2): one row per erased person's digest, with the counts so far and the
 * lease of the attempt working on it. Each method is one statement, so racing attempts are decided by the
 * row's lock.
 */
@ApplicationScoped
class ErasureRecords {

    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final ObjectMapper json = new ObjectMapper();

    /** An erasure's row as it stands, and whether the caller now holds its lease. */
    record Held(ErasureSummary summary, boolean ours, Instant claimedUntil) {
    }

    /**
     * Starts the erasure, or takes over one whose last attempt's lease ran out; a finished one is returned as
     * it is and a running one is left alone ({@code ours} false).
     */
    @SuppressWarnings("unchecked")
    Held claim(String digest, Duration lease) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                WITH claimed AS (
                    INSERT INTO erasures AS e (subject_digest, requested_at, claimed_until)
                    VALUES (:digest, now(), now() + make_interval(secs => :lease))
                    ON CONFLICT (subject_digest) DO UPDATE SET claimed_until = EXCLUDED.claimed_until
                     WHERE e.completed_at IS NULL AND e.claimed_until < now()
                    RETURNING e.requested_at, e.completed_at, e.claimed_until, CAST(e.removed AS text) AS removed
                )
                SELECT c.requested_at, c.completed_at, c.claimed_until, c.removed, true AS ours FROM claimed c
                UNION ALL
                SELECT e.requested_at, e.completed_at, e.claimed_until, CAST(e.removed AS text), false
                  FROM erasures e WHERE e.subject_digest = :digest AND NOT EXISTS (SELECT 1 FROM claimed)
                """)
                .setParameter("digest", digest)
                .setParameter("lease", (double) lease.toMillis() / 1000)
                .unwrap(NativeQuery.class)
                .addScalar("requested_at", StandardBasicTypes.INSTANT)
                .addScalar("completed_at", StandardBasicTypes.INSTANT)
                .addScalar("claimed_until", StandardBasicTypes.INSTANT)
                .addScalar("removed", StandardBasicTypes.STRING)
                .addScalar("ours", StandardBasicTypes.BOOLEAN)
                .getResultList();
        if (rows.isEmpty()) {
            // another attempt inserted the row after this statement's snapshot was taken
            throw new IllegalStateException("an erasure of the same person started at the same moment; retry");
        }
        Object[] row = rows.get(0);
        return new Held(new ErasureSummary(digest, (Instant) row[0], (Instant) row[1], counts((String) row[3])),
                (Boolean) row[4], (Instant) row[2]);
    }

    void add(String digest, String what, long count) {
        Panache.getEntityManager().createNativeQuery("""
                UPDATE erasures
                   SET removed = jsonb_set(removed, ARRAY[:what], to_jsonb(COALESCE(CAST(removed ->> :what AS bigint), 0) + :count))
                 WHERE subject_digest = :digest
                """)
                .setParameter("digest", digest)
                .setParameter("what", what)
                .setParameter("count", count)
                .executeUpdate();
    }

    /** Marks the erasure finished and returns its record. */
    ErasureSummary complete(String digest) {
        Object[] row = (Object[]) Panache.getEntityManager().createNativeQuery("""
                UPDATE erasures SET completed_at = now(), claimed_until = NULL
                 WHERE subject_digest = :digest
                RETURNING requested_at, completed_at, CAST(removed AS text) AS removed
                """)
                .setParameter("digest", digest)
                .unwrap(NativeQuery.class)
                .addScalar("requested_at", StandardBasicTypes.INSTANT)
                .addScalar("completed_at", StandardBasicTypes.INSTANT)
                .addScalar("removed", StandardBasicTypes.STRING)
                .getSingleResult();
        return new ErasureSummary(digest, (Instant) row[0], (Instant) row[1], counts((String) row[2]));
    }

    /** Lets a retry take over at once after an attempt that failed. */
    void release(String digest) {
        Panache.getEntityManager().createNativeQuery(
                "UPDATE erasures SET claimed_until = now() - interval '1 millisecond' WHERE subject_digest = :digest AND completed_at IS NULL")
                .setParameter("digest", digest)
                .executeUpdate();
    }


    private Map<String, Long> counts(String removed) {
        try {
            return json.readValue(removed, COUNTS);
        } catch (Exception e) {
            throw new IllegalStateException("erasures.removed is not a JSON object of counts: " + removed, e);
        }
    }
}
