package com.bookingchat.lifecycle;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.persistence.ConversationMetadata;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Bookings' statuses, and the closing of their conversations that follows from them. */
@ApplicationScoped
public class BookingLifecycleRepository implements PanacheRepositoryBase<BookingLifecycle, String> {

    /** Conversations due to close: their booking was cancelled, or completed and ended before the grace cut-off. */
    private static final String CLOSE_DUE = """
            UPDATE conversation_metadata m
               SET closed_at = :now
              FROM booking_lifecycle b
             WHERE b.booking_id = m.booking_id AND m.closed_at IS NULL
               AND (b.status = 'cancelled' OR (b.status = 'completed' AND b.ends_at <= :endedBefore))
            """;

    /**
     * Records the update unless the recorded one is at least as recent: the later {@code occurredAt} wins, and
     * on a tie the status further along (the database's booking_status_rank, migration V8), so the recorded
     * status never depends on the order updates arrive in. One statement, so racing updates cannot interleave.
     *
     * @return whether the update was recorded
     */
    public boolean record(String bookingId, BookingStatus status, Instant endsAt, Instant occurredAt, Instant now) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO booking_lifecycle (booking_id, status, ends_at, occurred_at, updated_at)
                VALUES (:bookingId, :status, :endsAt, :occurredAt, :now)
                ON CONFLICT (booking_id) DO UPDATE
                   SET status = EXCLUDED.status, ends_at = EXCLUDED.ends_at,
                       occurred_at = EXCLUDED.occurred_at, updated_at = EXCLUDED.updated_at
                 WHERE (EXCLUDED.occurred_at, booking_status_rank(EXCLUDED.status))
                     > (booking_lifecycle.occurred_at, booking_status_rank(booking_lifecycle.status))
                """)
                .setParameter("bookingId", bookingId)
                .setParameter("status", status.wire())
                .setParameter("endsAt", endsAt)
                .setParameter("occurredAt", occurredAt)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Closes the booking's conversations if its status says they are due. */
    public int closeDue(String bookingId, Instant endedBefore, Instant now) {
        return getEntityManager().createNativeQuery(CLOSE_DUE + " AND b.booking_id = :bookingId")
                .setParameter("now", now)
                .setParameter("endedBefore", endedBefore)
                .setParameter("bookingId", bookingId)
                .executeUpdate();
    }

    /** Closes every conversation that fell due. */
    public int closeAllDue(Instant endedBefore, Instant now) {
        return getEntityManager().createNativeQuery(CLOSE_DUE)
                .setParameter("now", now)
                .setParameter("endedBefore", endedBefore)
                .executeUpdate();
    }

    /** The booking's conversations, oldest first. */
    public List<ConversationMetadata> conversationsOf(String bookingId) {
        return getEntityManager()
                .createQuery("from ConversationMetadata where bookingId = ?1 order by id", ConversationMetadata.class)
                .setParameter(1, bookingId)
                .getResultList();
    }

    /** SIDs of the booking's conversations closed here but not yet confirmed closed by Twilio. */
    @SuppressWarnings("unchecked")
    public List<String> closedNotInTwilio(String bookingId) {
        return getEntityManager().createNativeQuery("""
                SELECT twilio_conversation_sid FROM conversation_metadata
                 WHERE booking_id = :bookingId AND closed_at IS NOT NULL AND twilio_closed_at IS NULL
                 ORDER BY id
                """, String.class)
                .setParameter("bookingId", bookingId)
                .getResultList();
    }

    /** Up to {@code limit} SIDs of conversations closed here but not yet in Twilio, longest waiting first. */
    @SuppressWarnings("unchecked")
    public List<String> closedNotInTwilio(int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT twilio_conversation_sid FROM conversation_metadata
                 WHERE closed_at IS NOT NULL AND twilio_closed_at IS NULL
                 ORDER BY closed_at, id
                 LIMIT :limit
                """, String.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    public void markClosedInTwilio(String conversationSid, Instant now) {
        getEntityManager().createNativeQuery("""
                UPDATE conversation_metadata SET twilio_closed_at = :now
                 WHERE twilio_conversation_sid = :sid AND twilio_closed_at IS NULL
                """)
                .setParameter("now", now)
                .setParameter("sid", conversationSid)
                .executeUpdate();
    }
}
