package com.bookingchat.persistence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Unread message notifications, one per (message, recipient). */
@ApplicationScoped
public class NotificationRepository implements PanacheRepository<MessageNotification> {

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
}
