package com.bookingchat.notifications;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A user's notification preferences as the apps see them.
 *
 * @param registerForPush whether the app should register this device for Twilio push (and unregister when false)
 */
@RegisterForReflection
public record PreferencesView(boolean push, boolean sms, boolean email, String timeZone,
        @Schema(nullable = true, description = "null when the user has none") QuietHoursView quietHours,
        @Schema(description = "whether the app should register for Twilio push now; when false it unregisters")
        boolean registerForPush) {

    /** Quiet hours as HH:mm wall-clock times in the user's zone. */
    @RegisterForReflection
    public record QuietHoursView(String start, String end) {
    }

    static PreferencesView of(NotificationPreferences p) {
        QuietHoursView quiet = p.quietStart == null ? null
                : new QuietHoursView(p.quietStart.toString(), p.quietEnd.toString());
        return new PreferencesView(p.pushEnabled, p.smsEnabled, p.emailEnabled, p.timeZone, quiet, p.pushEnabled);
    }
}
