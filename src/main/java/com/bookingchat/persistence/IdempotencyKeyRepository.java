package com.bookingchat.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Idempotency keys of send requests. Each method is one statement, so two attempts racing for one key
 * are decided by PostgreSQL's row locks, not by a read-then-write in Java.
 */
@ApplicationScoped
public class IdempotencyKeyRepository {

    /** What a key holds when it is not ours to take. */
    public record Held(String requestHash, Instant claimedUntil, String responseBody) {
    }

    /**
     * Looked up per call rather than injected: a function without a datasource (the token function) must be
     * able to start with this bean in the artifact.
     */
    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    /**
     * Takes the key for a first attempt; a key older than {@code retention} counts as unused.
     *
     * @return whether this attempt now holds the key
     */
    public boolean claimNew(String callerUserId, String key, String requestHash, Instant now, Duration lease,
            Duration retention) {
        return em().createNativeQuery("""
                INSERT INTO idempotency_keys (caller_user_id, idempotency_key, request_hash, created_at, claimed_until)
                VALUES (:caller, :key, :hash, :now, :claimedUntil)
                ON CONFLICT (caller_user_id, idempotency_key) DO UPDATE
                   SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
                       claimed_until = EXCLUDED.claimed_until, response_body = NULL
                 WHERE idempotency_keys.created_at < :expiredBefore
                """)
                .setParameter("caller", callerUserId)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("now", now)
                .setParameter("claimedUntil", now.plus(lease))
                .setParameter("expiredBefore", now.minus(retention))
                .executeUpdate() == 1;
    }

    /**
     * Takes over a key whose holder gave up or died without an answer.
     *
     * @return whether this attempt now holds the key
     */
    public boolean takeOver(String callerUserId, String key, String requestHash, Instant now, Duration lease) {
        return em().createNativeQuery("""
                UPDATE idempotency_keys SET claimed_until = :claimedUntil
                 WHERE caller_user_id = :caller AND idempotency_key = :key AND request_hash = :hash
                   AND response_body IS NULL AND claimed_until < :now
                """)
                .setParameter("caller", callerUserId)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("now", now)
                .setParameter("claimedUntil", now.plus(lease))
                .executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    public Optional<Held> find(String callerUserId, String key) {
        List<Object[]> rows = em().createNativeQuery("""
                SELECT request_hash, claimed_until, response_body FROM idempotency_keys
                 WHERE caller_user_id = :caller AND idempotency_key = :key
                """)
                .setParameter("caller", callerUserId)
                .setParameter("key", key)
                .unwrap(NativeQuery.class)
                .addScalar("request_hash", StandardBasicTypes.STRING)
                .addScalar("claimed_until", StandardBasicTypes.INSTANT)
                .addScalar("response_body", StandardBasicTypes.STRING)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Held((String) r[0], (Instant) r[1], (String) r[2]));
    }

    /** Keeps the answer for repeats. */
    public void complete(String callerUserId, String key, String responseBody) {
        em().createNativeQuery("""
                UPDATE idempotency_keys SET response_body = :body
                 WHERE caller_user_id = :caller AND idempotency_key = :key
                """)
                .setParameter("caller", callerUserId)
                .setParameter("key", key)
                .setParameter("body", responseBody)
                .executeUpdate();
    }

    /** Lets the next attempt take the key at once, after a failure that produced no answer to keep. */
    public void release(String callerUserId, String key, Instant now) {
        em().createNativeQuery("""
                UPDATE idempotency_keys SET claimed_until = :now
                 WHERE caller_user_id = :caller AND idempotency_key = :key AND response_body IS NULL
                """)
                .setParameter("caller", callerUserId)
                .setParameter("key", key)
                .setParameter("now", now)
                .executeUpdate();
    }
}
