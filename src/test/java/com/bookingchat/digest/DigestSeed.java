package com.bookingchat.digest;

import java.time.Duration;
import java.util.List;

/**
 * Unread notifications in bulk, written by PostgreSQL itself ({@code generate_series}), for the digest's
 * tests and its benchmark. {@code users} users (half customers, half providers, every tenth without a
 * phone) each take part in two conversations, one per booking; in every conversation each participant has
 * written {@code messagesPerAuthor} messages the other has not read, {@code age} ago. So every user is the
 * recipient of {@code 2 * messagesPerAuthor} notifications, and there are {@code 2 * users * messagesPerAuthor}.
 */
public final class DigestSeed {

    private DigestSeed() {
    }

    /**
     * @param users an even number whose half 7 does not divide, so that customer-(c mod half) and
     *        provider-(7c mod half) give every user exactly two conversations
     */
    public static List<String> statements(int users, int messagesPerAuthor, Duration age) {
        int half = users / 2;
        if (users % 2 != 0 || half % 7 == 0) {
            throw new IllegalArgumentException("users must be even and its half not a multiple of 7: " + users);
        }
        String createdAt = "now() - interval '" + age.toSeconds() + " seconds'";
        return List.of("""
                INSERT INTO conversation_metadata (booking_id, conversation_type, twilio_conversation_sid, created_by, created_at)
                SELECT 'booking-' || c, 'booking_chat', 'CH' || lpad(to_hex(c), 32, '0'), 'customer-' || (c %% %1$d), %2$s
                  FROM generate_series(1, %3$d) c
                """.formatted(half, createdAt, users), """
                INSERT INTO conversation_participants (conversation_id, user_id, user_type, user_name, phone, joined_at)
                SELECT m.id, u.user_id, u.user_type, initcap(replace(u.user_id, '-', ' ')),
                       CASE WHEN u.n %% 10 = 0 THEN NULL ELSE '+1555' || lpad(u.n::text, 7, '0') END, m.created_at
                  FROM generate_series(1, %2$d) c
                  JOIN conversation_metadata m ON m.booking_id = 'booking-' || c AND m.conversation_type = 'booking_chat'
                 CROSS JOIN LATERAL (VALUES ('customer-' || (c %% %1$d), 'customer', c %% %1$d),
                                            ('provider-' || ((c * 7) %% %1$d), 'provider', %1$d + (c * 7) %% %1$d))
                       u (user_id, user_type, n)
                """.formatted(half, users), """
                INSERT INTO message_notifications
                       (conversation_id, recipient_user_id, twilio_message_sid, message_index, author_user_id, created_at)
                SELECT r.conversation_id, r.user_id,
                       'IM' || lpad(to_hex(r.conversation_id * 1000000 + i.message_index), 32, '0'),
                       i.message_index, a.user_id, %2$s
                  FROM conversation_participants r
                  JOIN conversation_participants a ON a.conversation_id = r.conversation_id AND a.user_id <> r.user_id
                 CROSS JOIN generate_series(0, %1$d - 1) k
                 CROSS JOIN LATERAL (SELECT k * 2 + CASE r.user_type WHEN 'customer' THEN 1 ELSE 0 END) i (message_index)
                """.formatted(messagesPerAuthor, createdAt),
                // The unread counters moved once per notification; autovacuum would clear that churn in production.
                "VACUUM ANALYZE conversation_metadata, conversation_participants, message_notifications");
    }
}
