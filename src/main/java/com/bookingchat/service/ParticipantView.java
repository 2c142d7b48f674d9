package com.bookingchat.service;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bookingchat.persistence.ConversationParticipant;
import com.bookingchat.persistence.UserType;

/** A participant as the apps see it. */
public record ParticipantView(String userId, UserType userType,
        @Schema(nullable = true, description = "null when the participant was added without a name") String userName,
        @Schema(nullable = true, description = "null until the participant first reads the conversation") Instant lastReadAt) {

    static ParticipantView of(ConversationParticipant participant) {
        return new ParticipantView(participant.userId, participant.userType, participant.userName,
                participant.lastReadAt);
    }
}
