package com.bookingchat.notifications;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Applies the push settings to the Conversations service, once per deploy. Idempotent: it reads what Twilio has
 * and writes only when that differs, so applying the same settings again changes nothing.
 * Twilio fills ${PARTICIPANT} with the author's friendly name (the identity, the user id, where the
 * Conversations user has none) and ${CONVERSATION} with the conversation's ("Booking booking-123").
 */
@ApplicationScoped
public class PushConfigurationService {

    private static final Logger LOG = Logger.getLogger(PushConfigurationService.class);
    static final String WITHOUT_BODY = "New message from ${PARTICIPANT} about ${CONVERSATION}";
    static final String WITH_BODY = "${PARTICIPANT} about ${CONVERSATION}: ${MESSAGE}";
    static final String ADDED = "You were added to ${CONVERSATION}";

    private final PushConfigurationGateway twilio;
    private final PushConfig config;

    PushConfigurationService(PushConfigurationGateway twilio, PushConfig config) {
        this.twilio = twilio;
        this.config = config;
    }

    /** What the configured settings ask Twilio for. */
    public PushSettings wanted() {
        return new PushSettings(true, config.showMessageBody() ? WITH_BODY : WITHOUT_BODY, config.badgeCount(),
                config.addedToConversation(), ADDED);
    }

    /** Makes Twilio's configuration the wanted one and says whether anything had to change. */
    public PushConfigurationResult apply() {
        PushSettings wanted = wanted();
        PushSettings before = twilio.current();
        if (before.equals(wanted)) {
            LOG.infof("push configuration already applied: %s", wanted);
            return new PushConfigurationResult(false, wanted);
        }
        twilio.apply(wanted);
        LOG.infof("push configuration applied: %s (was %s)", wanted, before);
        return new PushConfigurationResult(true, wanted);
    }

    /**
     * What the deploy step did.
     *
     * @param changed whether Twilio's configuration had to change; false when it already was the wanted one
     */
    @RegisterForReflection
    public record PushConfigurationResult(boolean changed, PushSettings settings) {
    }
}
