package com.bookingchat.service;

import com.bookingchat.identity.Caller;
import com.bookingchat.persistence.ConversationParticipant;
import com.bookingchat.persistence.ParticipantRepository;

/** The one rule for conversation routes: only participants of the caller's type see a conversation. */
final class Memberships {

    private Memberships() {
    }

    /** The caller's membership, or the same 404 a missing conversation gets, so strangers learn nothing. */
    static ConversationParticipant require(ParticipantRepository participants, Caller caller, String conversationSid) {
        return participants.findMembership(conversationSid, caller.userId())
                .filter(p -> p.userType == caller.userType())
                .orElseThrow(() -> ServiceException.conversationNotFound(conversationSid));
    }
}
