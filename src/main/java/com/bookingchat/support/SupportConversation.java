package com.bookingchat.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bookingchat.persistence.ConversationMetadata;
import com.bookingchat.persistence.ConversationParticipant;
import com.bookingchat.persistence.UserType;

/** A booking's conversation as support sees it: its participants and how far each has read, no phones. */
public record SupportConversation(String conversationSid, String bookingId, String type, Instant createdAt,
        @Schema(nullable = true, description = "null until the first message") Instant lastMessageAt,
        @Schema(nullable = true, description = "null when the conversation was created without booking details")
        Map<String, Object> booking,
        List<Participant> participants) {

    /** A participant of the conversation. */
    public record Participant(String userId, UserType userType,
            @Schema(nullable = true, description = "null when the participant was added without a name") String userName,
            Instant joinedAt,
            @Schema(nullable = true, description = "null until the participant first reads the conversation") Instant lastReadAt) {
    }

    static SupportConversation of(ConversationMetadata conversation, List<ConversationParticipant> participants) {
        return new SupportConversation(conversation.twilioConversationSid, conversation.bookingId, conversation.type,
                conversation.createdAt, conversation.lastMessageAt, conversation.bookingDetails,
                participants.stream().map(p -> new Participant(p.userId, p.userType, p.userName, p.joinedAt,
                        p.lastReadAt)).toList());
    }
}
