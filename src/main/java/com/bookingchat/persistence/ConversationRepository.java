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
     * The inbox page statement. Public so the benchmark can time this very text over plain JDBC and compare
     * it with the whole API path, which shows how much the layers above PostgreSQL cost.
     */
    public static final String INBOX_SQL = """
            WITH mine AS (
                SELECT m.id, m.twilio_conversation_sid, m.booking_id, m.conversation_type, m.booking_details,
                       m.created_at, m.last_message_at, COALESCE(m.last_message_at, m.created_at) AS activity_at,
                       p.last_read_at
                  FROM conversation_participants p
                  JOIN conversation_metadata m ON m.id = p.conversation_id
                 WHERE p.user_id = :userId AND p.user_type = :userType
            ), unread AS (
                SELECT n.conversation_id, count(*) AS unread_count
                  FROM message_notifications n
                 WHERE n.recipient_user_id = :userId AND n.read_at IS NULL
                   AND n.conversation_id IN (SELECT id FROM mine)
                 GROUP BY n.conversation_id
            ), page AS (
                SELECT * FROM mine
                 WHERE (activity_at, id) < (:cursorAt, :cursorId)
                 ORDER BY activity_at DESC, id DESC
                 LIMIT :limit
            )
            SELECT page.id, page.twilio_conversation_sid, page.booking_id, page.conversation_type,
                   CAST(page.booking_details AS text) AS booking_details,
                   page.created_at, page.last_message_at, page.activity_at, page.last_read_at,
                   COALESCE(u.unread_count, 0) AS unread_count,
                   total.total_unread,
                   (SELECT CAST(json_agg(json_build_object('userId', cp.user_id, 'userType', cp.user_type,
                                                           'userName', cp.user_name, 'lastReadAt', cp.last_read_at)
                                         ORDER BY cp.id) AS text)
                      FROM conversation_participants cp
                     WHERE cp.conversation_id = page.id) AS participants
              FROM (SELECT COALESCE(sum(unread_count), 0) AS total_unread FROM unread) total
              LEFT JOIN page ON true
              LEFT JOIN unread u ON u.conversation_id = page.id
             ORDER BY page.activity_at DESC, page.id DESC
            """;

    public Optional<ConversationMetadata> findByBooking(String bookingId, String type) {
        return find("bookingId = ?1 and type = ?2", bookingId, type).firstResultOptional();
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
                .getResultList();
        long totalUnread = rows.isEmpty() ? 0 : (Long) rows.get(0)[10];
        List<InboxRow> page = rows.stream()
                .filter(row -> row[0] != null)
                .map(row -> new InboxRow((Long) row[0], (String) row[1], (String) row[2], (String) row[3],
                        (String) row[4], (Instant) row[5], (Instant) row[6], (Instant) row[7], (Instant) row[8],
                        (Long) row[9], (String) row[11]))
                .toList();
        return new InboxPage(page, totalUnread);
    }
}
