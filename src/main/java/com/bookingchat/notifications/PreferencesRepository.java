package com.bookingchat.notifications;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Notification preferences by user id. */
@ApplicationScoped
class PreferencesRepository implements PanacheRepositoryBase<NotificationPreferences, String> {

    /** Writes the whole row in one statement, so two saves at once end with one of them rather than a conflict. */
    void save(NotificationPreferences p) {
        getEntityManager().createNativeQuery("""
                INSERT INTO notification_preferences
                       (user_id, push_enabled, sms_enabled, email_enabled, time_zone, quiet_start, quiet_end, updated_at)
                VALUES (:userId, :push, :sms, :email, :zone, CAST(:quietStart AS time), CAST(:quietEnd AS time), :updatedAt)
                ON CONFLICT (user_id) DO UPDATE
                   SET push_enabled = EXCLUDED.push_enabled, sms_enabled = EXCLUDED.sms_enabled,
                       email_enabled = EXCLUDED.email_enabled, time_zone = EXCLUDED.time_zone,
                       quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
                       updated_at = EXCLUDED.updated_at
                """)
                .setParameter("userId", p.userId)
                .setParameter("push", p.pushEnabled)
                .setParameter("sms", p.smsEnabled)
                .setParameter("email", p.emailEnabled)
                .setParameter("zone", p.timeZone)
                // as text: a null of a java.time type has no SQL type Hibernate could bind it with
                .setParameter("quietStart", p.quietStart == null ? null : p.quietStart.toString())
                .setParameter("quietEnd", p.quietEnd == null ? null : p.quietEnd.toString())
                .setParameter("updatedAt", p.updatedAt)
                .executeUpdate();
    }

    /**
     * Turns one digest channel off, keeping the rest of the user's preferences (or the defaults, for a user who
     * never saved any). Doing it again changes nothing but the time.
     */
    void turnOff(String userId, NotificationChannel channel, Instant at) {
        String column = switch (channel) {
            case PUSH -> "push_enabled";
            case SMS -> "sms_enabled";
            case EMAIL -> "email_enabled";
        };
        getEntityManager().createNativeQuery("""
                INSERT INTO notification_preferences
                       (user_id, push_enabled, sms_enabled, email_enabled, time_zone, updated_at)
                VALUES (:userId, true, true, true, 'UTC', :at)
                ON CONFLICT (user_id) DO NOTHING
                """)
                .setParameter("userId", userId)
                .setParameter("at", at)
                .executeUpdate();
        getEntityManager().createNativeQuery(
                "UPDATE notification_preferences SET " + column + " = false, updated_at = :at WHERE user_id = :userId")
                .setParameter("userId", userId)
                .setParameter("at", at)
                .executeUpdate();
    }
}
