package com.bookingchat.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What Twilio's push to the apps shows, applied to the Conversations service by the deploy step. */
@ConfigMapping(prefix = "booking-chat.push")
public interface PushConfig {

    /**
     * Whether the lock screen shows the message ("Jane about Booking booking-123: I'll be there at 2 PM") or only
     * that there is one ("New message from Jane about Booking booking-123"); off by default, since a lock screen
     * is seen by anyone near the phone (env BOOKING_CHAT_PUSH_SHOW_MESSAGE_BODY).
     */
    @WithDefault("false")
    boolean showMessageBody();

    /** Whether the app icon's badge counts unread messages (env BOOKING_CHAT_PUSH_BADGE_COUNT). */
    @WithDefault("true")
    boolean badgeCount();

    /** Whether being added to a booking's conversation is pushed too (env BOOKING_CHAT_PUSH_ADDED_TO_CONVERSATION). */
    @WithDefault("true")
    boolean addedToConversation();
}
