package com.bookingchat.service;

import java.time.Instant;

import com.bookingchat.persistence.ConversationParticipant;
import com.bookingchat.persistence.UserType;

/** A participant as the apps see it. */
public record ParticipantView(String userId, UserType userType, String userName, Instant lastReadAt) {

    static ParticipantView of(ConversationParticipant participant) {
        return new ParticipantView(participant.userId, participant.userType, participant.userName,
                participant.lastReadAt);
    }
}
