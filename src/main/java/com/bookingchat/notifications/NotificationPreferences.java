package com.bookingchat.notifications;

import java.time.Instant;
import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user's notification preferences (migration V7); a user without a row has every channel on, UTC, no quiet hours. */
@Entity
@Table(name = "notification_preferences")
public class NotificationPreferences {

    @Id
    @Column(name = "user_id", nullable = false, updatable = false)
    public String userId;

    @Column(name = "push_enabled", nullable = false)
    public boolean pushEnabled = true;

    @Column(name = "sms_enabled", nullable = false)
    public boolean smsEnabled = true;

    @Column(name = "email_enabled", nullable = false)
    public boolean emailEnabled = true;

    @Column(name = "time_zone", nullable = false)
    public String timeZone = "UTC";

    @Column(name = "quiet_start")
    public LocalTime quietStart;

    @Column(name = "quiet_end")
    public LocalTime quietEnd;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** What a user who never saved preferences gets. */
    static NotificationPreferences defaults(String userId) {
        NotificationPreferences preferences = new NotificationPreferences();
        preferences.userId = userId;
        return preferences;
    }
}
