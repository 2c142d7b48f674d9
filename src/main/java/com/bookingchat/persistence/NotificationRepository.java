package com.bookingchat.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Unread message notifications, one per (message, recipient). */
@ApplicationScoped
public class NotificationRepository implements PanacheRepository<MessageNotification> {

    /** First key of the digest's advisory locks, so that no other use of advisory locks can collide with them. */
    private static final int DIGEST_LOCK_SPACE = 0x64696765;

    /*
     * Recipients are claimed whole: a transaction-scoped advisory lock per recipient makes concurrent runs
     * split recipients between them instead of splitting one recipient's rows, so nobody gets two digests
     * for one window (two user ids sharing a hash only defer one of them to a later batch or run). Both
     * channels take the same lock, so one run's e-mail pass never splits a recipient another run is texting.
     * FOR UPDATE SKIP LOCKED then locks the rows themselves; it re-checks the channel's mark against rows another
     * run committed meanwhile and passes over rows a markRead is updating.
     * {mark} is the channel's column (digested_at for SMS, emailed_at for e-mail), {contact} the lateral query
     * of where the channel reaches the recipient, {enabled} the preference that switches the channel.
     */
    private static final String CLAIM_SQL = """
            WITH candidates AS (
                SELECT DISTINCT recipient_user_id
                  FROM message_notifications
                 WHERE read_at IS NULL AND {mark} IS NULL AND created_at <= :cutoff
                   AND recipient_user_id > :after
                 ORDER BY recipient_user_id
                 LIMIT :recipients
            ), owned AS MATERIALIZED (
                SELECT recipient_user_id
                  FROM candidates
                 WHERE pg_try_advisory_xact_lock(:lockSpace, hashtext(recipient_user_id))
            ), claimed AS (
                SELECT n.id, n.recipient_user_id, n.conversation_id, n.author_user_id, n.created_at
                  FROM message_notifications n
                  JOIN owned o ON o.recipient_user_id = n.recipient_user_id
                 WHERE n.read_at IS NULL AND n.{mark} IS NULL AND n.created_at <= :cutoff
                   FOR UPDATE OF n SKIP LOCKED
            ), unread AS (
                SELECT recipient_user_id, conversation_id, count(*) AS messages, max(created_at) AS latest,
                       array_agg(id ORDER BY id) AS ids, array_agg(DISTINCT author_user_id) AS author_ids
                  FROM claimed
                 GROUP BY recipient_user_id, conversation_id
            )
            SELECT c.recipient_user_id,
                   contact.address,
                   contact.refused AS address_refused,
                   COALESCE(np.{enabled}, true) AS enabled,
                   np.time_zone,
                   to_char(np.quiet_start, 'HH24:MI') AS quiet_start,
                   to_char(np.quiet_end, 'HH24:MI') AS quiet_end,
                   m.booking_id,
                   u.messages,
                   (SELECT array_agg(COALESCE(p.user_name, a.user_id) ORDER BY a.user_id)
                      FROM unnest(u.author_ids) a (user_id)
                      LEFT JOIN conversation_participants p
                             ON p.conversation_id = u.conversation_id AND p.user_id = a.user_id) AS authors,
                   u.ids
              FROM candidates c
              LEFT JOIN LATERAL ({contact}) contact ON true
              LEFT JOIN notification_preferences np ON np.user_id = c.recipient_user_id
              LEFT JOIN unread u ON u.recipient_user_id = c.recipient_user_id
              LEFT JOIN conversation_metadata m ON m.id = u.conversation_id
             ORDER BY c.recipient_user_id, u.latest DESC, m.booking_id
            """;

    /** The most recently given phone, and whether Twilio refused it for good on any of the recipient's rows. */
    private static final String PHONE_CONTACT = """
            SELECT p.phone AS address,
                   EXISTS (SELECT 1
                             FROM conversation_participants r
                            WHERE r.user_id = p.user_id AND r.phone = p.phone
                              AND r.phone_refused_at IS NOT NULL) AS refused
              FROM conversation_participants p
             WHERE p.user_id = c.recipient_user_id AND p.phone IS NOT NULL
             ORDER BY p.joined_at DESC, p.id DESC
             LIMIT 1""";

    /** The most recently given e-mail address. */
    private static final String EMAIL_CONTACT = """
            SELECT p.email AS address, false AS refused
              FROM conversation_participants p
             WHERE p.user_id = c.recipient_user_id AND p.email IS NOT NULL
             ORDER BY p.joined_at DESC, p.id DESC
             LIMIT 1""";

    /** How the digest channels differ in SQL: the column each marks, where it reaches people, what switches it. */
    public enum DigestChannel {
        SMS("digested_at", PHONE_CONTACT, "sms_enabled"),
        EMAIL("emailed_at", EMAIL_CONTACT, "email_enabled");

        private final String mark;
        private final String claim;

        DigestChannel(String mark, String contact, String enabled) {
            this.mark = mark;
            this.claim = CLAIM_SQL.replace("{mark}", mark).replace("{contact}", contact).replace("{enabled}", enabled);
        }
    }

    /**
     * One row for every participant but the author, in one statement; a message already recorded (a replay,
     * a webhook after our own send) adds nothing. Webhooks arrive in any order, so a recipient whose read
     * horizon already covers the message gets the row as read.
     *
     * @return how many rows were new
     */
    public int insertForRecipients(long conversationId, String messageSid, int messageIndex, String authorUserId,
            Instant createdAt) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO message_notifications
                       (conversation_id, recipient_user_id, twilio_message_sid, message_index, author_user_id, created_at,
                        read_at)
                SELECT p.conversation_id, p.user_id, :messageSid, :messageIndex, :author, :createdAt,
                       CASE WHEN p.last_read_message_index >= :messageIndex THEN p.last_read_at END
                  FROM conversation_participants p
                 WHERE p.conversation_id = :conversationId AND p.user_id <> :author
                ON CONFLICT DO NOTHING
                """)
                .setParameter("conversationId", conversationId)
                .setParameter("messageSid", messageSid)
                .setParameter("messageIndex", messageIndex)
                .setParameter("author", authorUserId)
                .setParameter("createdAt", createdAt)
                .executeUpdate();
    }

    /** Marks the recipient's unread notifications in the conversation read, up to and including a message index. */
    public int markRead(long conversationId, String recipientUserId, int upToMessageIndex, Instant readAt) {
        return update("readAt = ?1 where conversationId = ?2 and recipientUserId = ?3 and messageIndex <= ?4"
                + " and readAt is null", readAt, conversationId, recipientUserId, upToMessageIndex);
    }

    /**
     * Claims, until the transaction ends, the notifications the channel has not delivered that are unread and
     * created up to {@code cutoff}, of up to {@code recipients} recipients that come after {@code after} in
     * recipient order; recipients another transaction holds are passed over.
     */
    @SuppressWarnings("unchecked")
    public DigestClaim claimForDigest(DigestChannel channel, Instant cutoff, String after, int recipients) {
        List<Object[]> rows = getEntityManager().createNativeQuery(channel.claim)
                .setParameter("cutoff", cutoff)
                .setParameter("after", after)
                .setParameter("recipients", recipients)
                .setParameter("lockSpace", DIGEST_LOCK_SPACE)
                .unwrap(NativeQuery.class)
                .addScalar("recipient_user_id", StandardBasicTypes.STRING)
                .addScalar("address", StandardBasicTypes.STRING)
                .addScalar("address_refused", StandardBasicTypes.BOOLEAN)
                .addScalar("enabled", StandardBasicTypes.BOOLEAN)
                .addScalar("time_zone", StandardBasicTypes.STRING)
                .addScalar("quiet_start", StandardBasicTypes.STRING)
                .addScalar("quiet_end", StandardBasicTypes.STRING)
                .addScalar("booking_id", StandardBasicTypes.STRING)
                .addScalar("messages", StandardBasicTypes.INTEGER)
                .addScalar("authors", String[].class)
                .addScalar("ids", Long[].class)
                .getResultList();
        List<UnreadGroup> groups = new ArrayList<>();
        for (Object[] row : rows) {
            // A candidate another run holds, or whose rows all went away meanwhile, comes back without a group.
            if (row[7] != null) {
                groups.add(new UnreadGroup((String) row[0],
                        new UnreadGroup.Reach((String) row[1], Boolean.TRUE.equals(row[2]), Boolean.TRUE.equals(row[3]),
                                (String) row[4], (String) row[5], (String) row[6]),
                        (String) row[7], (Integer) row[8], List.of((String[]) row[9]), Arrays.asList((Long[]) row[10])));
            }
        }
        return new DigestClaim(rows.isEmpty() ? null : (String) rows.get(rows.size() - 1)[0], groups);
    }

    /** Marks exactly these notifications delivered on the channel; the caller's claim keeps them locked until then. */
    public int markDigested(DigestChannel channel, List<Long> notificationIds, Instant digestedAt) {
        if (notificationIds.isEmpty()) {
            return 0;
        }
        return getEntityManager().createNativeQuery(
                "UPDATE message_notifications SET " + channel.mark + " = :digestedAt WHERE id = ANY(:ids)")
                .setParameter("digestedAt", digestedAt)
                .setParameter("ids", notificationIds.toArray(Long[]::new))
                .executeUpdate();
    }
}
