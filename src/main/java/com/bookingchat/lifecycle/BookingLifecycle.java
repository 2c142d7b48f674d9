package com.bookingchat.lifecycle;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A booking's latest status as the booking system reported it; written only by {@link BookingLifecycleRepository#record}. */
@Entity
@Table(name = "booking_lifecycle")
public class BookingLifecycle {

    @Id
    @Column(name = "booking_id")
    public String bookingId;

    @Column(name = "status", nullable = false)
    public BookingStatus status;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
