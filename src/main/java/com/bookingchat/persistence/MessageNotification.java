package com.bookingchat.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One message waiting to be read by one recipient; the source of unread counts and the digest. */
@Entity
@Table(name = "message_notifications")
public class MessageNotification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id", nullable = false, updatable = false)
    public Long conversationId;

    @Column(name = "recipient_user_id", nullable = false, updatable = false)
    public String recipientUserId;

    @Column(name = "twilio_message_sid", nullable = false, updatable = false)
    public String twilioMessageSid;

    @Column(name = "message_index", nullable = false, updatable = false)
    public Integer messageIndex;

    @Column(name = "author_user_id", nullable = false, updatable = false)
    public String authorUserId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;

    @Column(name = "digested_at")
    public Instant digestedAt;
}
