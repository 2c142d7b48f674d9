package com.bookingchat.floodcontrol;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import com.bookingchat.identity.Caller;
import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The per-caller send rate limit (GCRA, a token bucket kept as one timestamp per caller): each send moves the
 * caller's schedule one emission interval ahead, and a send that would put it more than the burst ahead is
 * refused. PostgreSQL is the state every function instance shares, so the check and the move are one
 * statement on the caller's row, decided by its row lock and the database's clock.
 */
@ApplicationScoped
public class SendRateLimiter {

    /**
     * A refused send changes nothing: the update's condition fails and the caller's schedule is only read, to
     * say how long to wait. That read sees the statement's snapshot, which a concurrent first send may not be
     * in yet; the wait is then one interval.
     */
    private static final String TAKE = """
            WITH taken AS (
                INSERT INTO send_rate_limits AS s (user_id, user_type, theoretical_arrival)
                VALUES (:userId, :userType, now() + make_interval(secs => :interval))
                ON CONFLICT (user_id, user_type) DO UPDATE
                   SET theoretical_arrival = GREATEST(s.theoretical_arrival, now()) + make_interval(secs => :interval)
                 WHERE s.theoretical_arrival <= now() + make_interval(secs => :tolerance)
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM taken) AS allowed,
                   (SELECT EXTRACT(EPOCH FROM s.theoretical_arrival - now()) - :tolerance
                      FROM send_rate_limits s WHERE s.user_id = :userId AND s.user_type = :userType) AS wait_seconds
            """;

    private final double intervalSeconds;
    private final double toleranceSeconds;
    private final FloodControlConfig config;

    SendRateLimiter(FloodControlConfig config) {
        this.config = config;
        this.intervalSeconds = 60.0 / config.messagesPerMinute();
        // the burst is the caller's first send plus burst - 1 sends ahead of schedule
        this.toleranceSeconds = intervalSeconds * (config.burst() - 1);
    }

    /**
     * Counts one send of the caller, or refuses it with {@link ErrorCode#RATE_LIMITED} and the time until the
     * next send would be allowed. It commits on its own, so a send that fails later still counted: a caller
     * whose sends keep failing at Twilio costs Twilio calls too.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void take(Caller caller) {
        Object[] row = (Object[]) Panache.getEntityManager().createNativeQuery(TAKE)
                .setParameter("userId", caller.userId())
                .setParameter("userType", caller.userType().wire())
                .setParameter("interval", intervalSeconds)
                .setParameter("tolerance", toleranceSeconds)
                .unwrap(NativeQuery.class)
                .addScalar("allowed", StandardBasicTypes.BOOLEAN)
                .addScalar("wait_seconds", StandardBasicTypes.DOUBLE)
                .getSingleResult();
        if (!(Boolean) row[0]) {
            double wait = row[1] == null ? intervalSeconds : Math.max((Double) row[1], 0);
            throw new ServiceException(ErrorCode.RATE_LIMITED, "More than " + config.burst()
                    + " messages at once or " + config.messagesPerMinute() + " a minute; retry after the wait",
                    Duration.ofSeconds((long) Math.ceil(wait)), null);
        }
    }
}
