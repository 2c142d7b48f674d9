package com.bookingchat.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

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

    public List<ConversationParticipant> listByConversation(long conversationId) {
        return list("conversation.id = ?1 order by id", conversationId);
    }

    /** Adds a participant unless already there; a repeated or racing create adds nobody twice. */
    public void insertIfAbsent(long conversationId, String userId, UserType userType, String userName,
            String phone, String participantSid, Instant joinedAt) {
        getEntityManager().createNativeQuery("""
                INSERT INTO conversation_participants
                       (conversation_id, user_id, user_type, user_name, phone, twilio_participant_sid, joined_at)
                VALUES (:conversationId, :userId, :userType, :userName, :phone, :participantSid, :joinedAt)
                ON CONFLICT DO NOTHING
                """)
                .setParameter("conversationId", conversationId)
                .setParameter("userId", userId)
                .setParameter("userType", userType.wire())
                .setParameter("userName", userName)
                .setParameter("phone", phone)
                .setParameter("participantSid", participantSid)
                .setParameter("joinedAt", joinedAt)
                .executeUpdate();
    }
}
