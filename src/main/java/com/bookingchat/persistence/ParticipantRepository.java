package com.bookingchat.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Who takes part in which conversation, and how far each has read. */
@ApplicationScoped
public class ParticipantRepository implements PanacheRepository<ConversationParticipant> {

    /** The caller's membership of a conversation with the conversation itself, in one query. */
    public Optional<ConversationParticipant> findMembership(String conversationSid, String userId) {
        return find("from ConversationParticipant p join fetch p.conversation c "
                + "where c.twilioConversationSid = ?1 and p.userId = ?2", conversationSid, userId)
                .firstResultOptional();
    }

    /** The caller's read state after {@link #markRead}, with what Twilio's read horizon must move to. */
    public record ReadMark(long conversationId, String participantSid, Integer lastMessageIndex,
            Integer previousReadIndex) {
    }

    /**
     * Sets the caller's {@code last_read_at}, and its read index forward to the conversation's last message,
     * in one statement that also proves membership: no row means the caller is not a participant of that type.
     */
    @SuppressWarnings("unchecked")
    public Optional<ReadMark> markRead(String conversationSid, String userId, UserType userType, Instant readAt) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                WITH me AS (
                    SELECT p.id, p.last_read_message_index AS previous_index
                      FROM conversation_participants p
                      JOIN conversation_metadata m ON m.id = p.conversation_id
                     WHERE m.twilio_conversation_sid = :sid AND p.user_id = :userId AND p.user_type = :userType
                       FOR UPDATE OF p
                )
                UPDATE conversation_participants p
                   SET last_read_at = :readAt,
                       last_read_message_index = GREATEST(m.last_message_index, p.last_read_message_index)
                  FROM me, conversation_metadata m
                 WHERE p.id = me.id AND m.id = p.conversation_id
                RETURNING p.conversation_id, p.twilio_participant_sid, m.last_message_index, me.previous_index
                """)
                .setParameter("sid", conversationSid)
                .setParameter("userId", userId)
                .setParameter("userType", userType.wire())
                .setParameter("readAt", readAt)
                .unwrap(NativeQuery.class)
                .addScalar("conversation_id", StandardBasicTypes.LONG)
                .addScalar("twilio_participant_sid", StandardBasicTypes.STRING)
                .addScalar("last_message_index", StandardBasicTypes.INTEGER)
                .addScalar("previous_index", StandardBasicTypes.INTEGER)
                .getResultList();
        return rows.stream().findFirst()
                .map(r -> new ReadMark((Long) r[0], (String) r[1], (Integer) r[2], (Integer) r[3]));
    }

    /**
     * Records that Twilio refused SMS to {@code phone} for good, on every row of the user that holds that phone,
     * so no later digest texts it; a row that gets another number loses the refusal (migration V6's trigger).
     * An earlier refusal of the same phone is kept, with its time and code.
     */
    public int recordPhoneRefusal(String userId, String phone, int twilioCode, Instant refusedAt) {
        return getEntityManager().createNativeQuery("""
                UPDATE conversation_participants
                   SET phone_refused_at = :refusedAt, phone_refusal_code = :code
                 WHERE user_id = :userId AND phone = :phone AND phone_refused_at IS NULL
                """)
                .setParameter("refusedAt", refusedAt)
                .setParameter("code", twilioCode)
                .setParameter("userId", userId)
                .setParameter("phone", phone)
                .executeUpdate();
    }

    public List<ConversationParticipant> listByConversation(long conversationId) {
        return list("conversation.id = ?1 order by id", conversationId);
    }

    /** Adds a participant unless already there; a repeated or racing create adds nobody twice. */
    public void insertIfAbsent(long conversationId, String userId, UserType userType, String userName,
            String phone, String email, String participantSid, Instant joinedAt) {
        getEntityManager().createNativeQuery("""
                INSERT INTO conversation_participants
                       (conversation_id, user_id, user_type, user_name, phone, email, twilio_participant_sid, joined_at)
                VALUES (:conversationId, :userId, :userType, :userName, :phone, :email, :participantSid, :joinedAt)
                ON CONFLICT DO NOTHING
                """)
                .setParameter("conversationId", conversationId)
                .setParameter("userId", userId)
                .setParameter("userType", userType.wire())
                .setParameter("userName", userName)
                .setParameter("phone", phone)
                .setParameter("email", email)
                .setParameter("participantSid", participantSid)
                .setParameter("joinedAt", joinedAt)
                .executeUpdate();
    }
}
