package com.bookingchat.notifications;

import java.time.Instant;
import java.time.LocalTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bookingchat.identity.Caller;
import com.bookingchat.service.ServiceException;

/** Reads and saves what each user wants to be told, and turns a channel off from a signed unsubscribe link. */
@ApplicationScoped
public class PreferencesService {

    private final PreferencesRepository preferences;
    private final UnsubscribeLinks links;

    PreferencesService(PreferencesRepository preferences, UnsubscribeLinks links) {
        this.preferences = preferences;
        this.links = links;
    }

    /** The caller's preferences, or the defaults for a caller who never saved any. */
    @Transactional
    public PreferencesView get(Caller caller) {
        return PreferencesView.of(preferences.findByIdOptional(caller.userId())
                .orElseGet(() -> NotificationPreferences.defaults(caller.userId())));
    }

    /** Replaces the caller's preferences with the request's, already validated but for the quiet hours' shape. */
    @Transactional
    public PreferencesView update(Caller caller, PreferencesRequest request) {
        NotificationPreferences p = NotificationPreferences.defaults(caller.userId());
        p.pushEnabled = request.push();
        p.smsEnabled = request.sms();
        p.emailEnabled = request.email();
        p.timeZone = request.timeZone();
        if (request.quietHours() != null) {
            p.quietStart = LocalTime.parse(request.quietHours().start());
            p.quietEnd = LocalTime.parse(request.quietHours().end());
            if (p.quietStart.equals(p.quietEnd)) {
                throw ServiceException.invalid("quietHours.end must differ from quietHours.start");
            }
        }
        p.updatedAt = Instant.now();
        preferences.save(p);
        return PreferencesView.of(p);
    }

    /**
     * Turns off the channel a signed link names, for the user it names; the link needs no login, its signature
     * proves this service made it. Opening it again changes nothing.
     *
     * @throws ServiceException {@code INVALID_UNSUBSCRIBE_LINK} when the link was not signed by this service
     */
    @Transactional
    public void unsubscribe(String userId, String channel, String signature) {
        NotificationChannel verified = links.verify(userId, channel, signature);
        preferences.turnOff(userId, verified, Instant.now());
    }
}
