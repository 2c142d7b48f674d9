package com.bookingchat.persistence;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.bookingchat.lifecycle.BookingStatus;

/** The link between a booking and its Twilio Conversation. */
@Entity
@Table(name = "conversation_metadata")
public class ConversationMetadata {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "booking_id", nullable = false, updatable = false)
    public String bookingId;

    @Column(name = "conversation_type", nullable = false, updatable = false)
    public String type;

    @Column(name = "twilio_conversation_sid", nullable = false, updatable = false)
    public String twilioConversationSid;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "booking_details")
    public Map<String, Object> bookingDetails;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "last_message_at")
    public Instant lastMessageAt;

    @Column(name = "last_message_index")
    public Integer lastMessageIndex;

    /** The booking's status as the booking system last reported it (a copy the database keeps); null before any. */
    @Column(name = "booking_status", insertable = false, updatable = false)
    public BookingStatus bookingStatus;

    /** When the conversation stopped taking messages (its booking's lifecycle); null while it is active. */
    @Column(name = "closed_at")
    public Instant closedAt;
}
