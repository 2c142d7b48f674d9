package com.bookingchat.support;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The append-only audit log of support reads (migration V9_1): rows are only ever inserted, and a trigger
 * refuses to change or delete them.
 */
@ApplicationScoped
class SupportAccessLog {

    /** What a support read was of. */
    enum Action {
        FIND_BOOKING_CONVERSATIONS("find_booking_conversations"),
        READ_MESSAGES("read_messages");

        final String wire;

        Action(String wire) {
            this.wire = wire;
        }
    }

    void record(String clientId, Action action, String bookingId, String conversationSid, String reason) {
        Panache.getEntityManager().createNativeQuery("""
                INSERT INTO support_access_log (client_id, action, booking_id, conversation_sid, reason)
                VALUES (:clientId, :action, :bookingId, :conversationSid, :reason)
                """)
                .setParameter("clientId", clientId)
                .setParameter("action", action.wire)
                .setParameter("bookingId", bookingId)
                .setParameter("conversationSid", conversationSid)
                .setParameter("reason", reason)
                .executeUpdate();
    }
}
