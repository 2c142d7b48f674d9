package com.bookingchat.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Conversations and the inbox query, which reads PostgreSQL only. */
@ApplicationScoped
public class ConversationRepository implements PanacheRepository<ConversationMetadata> {

    /**
     * The inbox page statement. It reads the caller's participant rows only, through one index: the page
     * walks it backwards from the cursor, the total sums its unread counts; the database keeps each row's
     * copy of the conversation's activity time and its unread count exact (migration V5). Public so the
     * benchmark can time this very text over plain JDBC and compare it with the whole API path.
     */
    public static final String INBOX_SQL = """
            WITH page AS (
                SELECT p.conversation_id, p.activity_at, p.last_read_at, p.unread_count
                  FROM conversation_participants p
                 WHERE p.user_id = :userId AND p.user_type = :userType
                   AND (p.activity_at, p.conversation_id) < (:cursorAt, :cursorId)
                 ORDER BY p.activity_at DESC, p.conversation_id DESC
                 LIMIT :limit
            ), total AS (
                SELECT COALESCE(sum(t.unread_count), 0) AS total_unread
                  FROM conversation_participants t
                 WHERE t.user_id = :userId AND t.user_type = :userType
            )
            SELECT m.id, m.twilio_conversation_sid, m.booking_id, m.conversation_type,
                   CAST(m.booking_details AS text) AS booking_details,
                   m.created_at, m.last_message_at, page.activity_at, page.last_read_at,
                   page.unread_count, total.total_unread,
                   (SELECT CAST(json_agg(json_build_object('userId', cp.user_id, 'userType', cp.user_type,
                                                           'userName', cp.user_name, 'lastReadAt', cp.last_read_at)
                                         ORDER BY cp.id) AS text)
                      FROM conversation_participants cp
                     WHERE cp.conversation_id = page.conversation_id) AS participants,
                   m.closed_at
              FROM total
              LEFT JOIN page ON true
              LEFT JOIN conversation_metadata m ON m.id = page.conversation_id
             ORDER BY page.activity_at DESC, page.conversation_id DESC
            """;

    public Optional<ConversationMetadata> findByBooking(String bookingId, String type) {
        return find("bookingId = ?1 and type = ?2", bookingId, type).firstResultOptional();
    }

    /** Every conversation of a booking, one per conversation type, oldest first. */
    public List<ConversationMetadata> listByBooking(String bookingId) {
        return list("bookingId = ?1 order by id", bookingId);
    }

    public Optional<ConversationMetadata> findBySid(String conversationSid) {
        return find("twilioConversationSid", conversationSid).firstResultOptional();
    }

    /**
     * Inserts the conversation unless (booking, type) already has one; racing creators rely on this
     * instead of a read-then-write.
     *
     * @return whether this call created the row
     */
    public boolean insertIfAbsent(String bookingId, String type, String conversationSid, String bookingJson,
            String createdBy, Instant createdAt) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO conversation_metadata
                       (booking_id, conversation_type, twilio_conversation_sid, booking_details, created_by, created_at)
                VALUES (:bookingId, :type, :sid, CAST(:booking AS jsonb), :createdBy, :createdAt)
                ON CONFLICT DO NOTHING
                """)
                .setParameter("bookingId", bookingId)
                .setParameter("type", type)
                .setParameter("sid", conversationSid)
                .setParameter("booking", bookingJson)
                .setParameter("createdBy", createdBy)
                .setParameter("createdAt", createdAt)
                .executeUpdate() == 1;
    }

    /**
     * Conversations created or written to since {@code since}, most recent activity first, as read now:
     * a projection, so a long-lived session cannot serve a stale last message index.
     */
    public List<ConversationActivity> activeSince(Instant since) {
        return find("coalesce(lastMessageAt, createdAt) >= ?1 order by coalesce(lastMessageAt, createdAt) desc", since)
                .project(ConversationActivity.class)
                .list();
    }

    /** Moves the activity time and the last message index forward, never back (webhooks may arrive late). */
    public void recordMessage(long conversationId, Instant sentAt, int messageIndex) {
        getEntityManager().createNativeQuery("""
                UPDATE conversation_metadata
                   SET last_message_at = GREATEST(last_message_at, :sentAt),
                       last_message_index = GREATEST(last_message_index, :messageIndex)
                 WHERE id = :id
                """)
                .setParameter("sentAt", sentAt)
                .setParameter("messageIndex", messageIndex)
                .setParameter("id", conversationId)
                .executeUpdate();
    }

    /**
     * One page of the caller's inbox, most recent activity first, in one statement.
     *
     * @param after keyset position of the previous page's last row, or null for the first page
     */
    @SuppressWarnings("unchecked")
    public InboxPage inbox(String userId, UserType userType, InboxPosition after, int limit) {
        InboxPosition from = after == null ? InboxPosition.START : after;
        List<Object[]> rows = getEntityManager().createNativeQuery(INBOX_SQL)
                .setParameter("userId", userId)
                .setParameter("userType", userType.wire())
                .setParameter("cursorAt", from.activityAt())
                .setParameter("cursorId", from.id())
                .setParameter("limit", limit)
                .unwrap(NativeQuery.class)
                .addScalar("id", StandardBasicTypes.LONG)
                .addScalar("twilio_conversation_sid", StandardBasicTypes.STRING)
                .addScalar("booking_id", StandardBasicTypes.STRING)
                .addScalar("conversation_type", StandardBasicTypes.STRING)
                .addScalar("booking_details", StandardBasicTypes.STRING)
                .addScalar("created_at", StandardBasicTypes.INSTANT)
                .addScalar("last_message_at", StandardBasicTypes.INSTANT)
                .addScalar("activity_at", StandardBasicTypes.INSTANT)
                .addScalar("last_read_at", StandardBasicTypes.INSTANT)
                .addScalar("unread_count", StandardBasicTypes.LONG)
                .addScalar("total_unread", StandardBasicTypes.LONG)
                .addScalar("participants", StandardBasicTypes.STRING)
                .addScalar("closed_at", StandardBasicTypes.INSTANT)
                .getResultList();
        long totalUnread = rows.isEmpty() ? 0 : (Long) rows.get(0)[10];
        List<InboxRow> page = rows.stream()
                .filter(row -> row[0] != null)
                .map(row -> new InboxRow((Long) row[0], (String) row[1], (String) row[2], (String) row[3],
                        (String) row[4], (Instant) row[5], (Instant) row[6], (Instant) row[7], (Instant) row[8],
                        (Long) row[9], (String) row[11], (Instant) row[12]))
                .toList();
        return new InboxPage(page, totalUnread);
    }
}
