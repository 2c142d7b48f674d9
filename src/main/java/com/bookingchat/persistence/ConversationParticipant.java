package com.bookingchat.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A user taking part in a booking conversation, with how far that user has read. The table's activity_at and
 * unread_count columns are left unmapped on purpose: the database maintains them for the inbox query alone; so
 * are phone_refused_at and phone_refusal_code, which only the digest's SQL reads and writes.
 */
@Entity
@Table(name = "conversation_participants")
public class ConversationParticipant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "conversation_id", nullable = false, updatable = false)
    public ConversationMetadata conversation;

    @Column(name = "user_id", nullable = false, updatable = false)
    public String userId;

    @Column(name = "user_type", nullable = false, updatable = false)
    public UserType userType;

    @Column(name = "user_name")
    public String userName;

    @Column(name = "phone")
    public String phone;

    @Column(name = "email")
    public String email;

    @Column(name = "twilio_participant_sid")
    public String twilioParticipantSid;

    @Column(name = "joined_at", nullable = false, updatable = false)
    public Instant joinedAt;

    @Column(name = "last_read_at")
    public Instant lastReadAt;

    @Column(name = "last_read_message_index")
    public Integer lastReadMessageIndex;
}
