package com.bookingchat.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * What PostgreSQL still holds of the person once they left their conversations: their Idempotency-Keys (with
 * the answers kept for them), their send rate limit, and their name as the creator of a conversation, which
 * then names the placeholder author. One transaction; run again, every statement finds nothing.
 */
@ApplicationScoped
class DatabaseRowsStep implements ErasureStep {

    private final ErasureConfig config;

    DatabaseRowsStep(ErasureConfig config) {
        this.config = config;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void run(ErasureSubject subject, ErasureTally tally) {
        var em = Panache.getEntityManager();
        // keys are per user id (not type): an id is one person's across the apps' identity provider
        tally.add("idempotencyKeysDeleted", em.createNativeQuery(
                "DELETE FROM idempotency_keys WHERE caller_user_id = :userId")
                .setParameter("userId", subject.userId())
                .executeUpdate());
        tally.add("rateLimitsDeleted", em.createNativeQuery(
                "DELETE FROM send_rate_limits WHERE user_id = :userId AND user_type = :userType")
                .setParameter("userId", subject.userId())
                .setParameter("userType", subject.userType().wire())
                .executeUpdate());
        tally.add("conversationCreatorsReplaced", em.createNativeQuery(
                "UPDATE conversation_metadata SET created_by = :placeholder WHERE created_by = :userId")
                .setParameter("placeholder", config.placeholderAuthor())
                .setParameter("userId", subject.userId())
                .executeUpdate());
    }
}
