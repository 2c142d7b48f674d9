package com.bookingchat.notifications;

/** Where the Conversations service's push configuration lives (Twilio). */
public interface PushConfigurationGateway {

    /** The configuration the service has now, in the terms this service sets. */
    PushSettings current();

    /** Replaces what this service sets of the configuration with {@code settings}. */
    void apply(PushSettings settings);
}
