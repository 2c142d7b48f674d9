package com.bookingchat.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of the preferences update: the whole set, every field but the quiet hours required. */
@RegisterForReflection
public record PreferencesRequest(
        @Schema(description = "Twilio push to the app's lock screen") @NotNull Boolean push,
        @Schema(description = "the unread digest by SMS, where a phone is known") @NotNull Boolean sms,
        @Schema(description = "the unread digest by e-mail, where an address is known") @NotNull Boolean email,
        @Schema(description = "IANA time zone the quiet hours are read in, e.g. Europe/Berlin")
        @NotNull @TimeZoneId String timeZone,
        @Schema(nullable = true, description = "null for none") @Valid QuietHoursRequest quietHours) {

    /** Quiet hours as HH:mm wall-clock times; a start after the end spans midnight. */
    @RegisterForReflection
    public record QuietHoursRequest(
            @Schema(description = "HH:mm, the first minute of quiet") @NotNull @Pattern(regexp = TIME) String start,
            @Schema(description = "HH:mm, the first minute after it; not the start") @NotNull @Pattern(regexp = TIME) String end) {
    }

    static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";
}
