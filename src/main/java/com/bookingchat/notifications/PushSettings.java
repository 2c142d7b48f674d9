package com.bookingchat.notifications;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The push notifications a Conversations service sends through the push credentials of the apps' tokens:
 * Twilio's {@code Services/{ChatServiceSid}/Configuration/Notifications}, as far as this service sets it.
 *
 * @param newMessageTemplate the lock-screen text of a new message, in Twilio's template language
 * @param badgeCount whether the app icon's badge counts unread messages
 * @param addedToConversationTemplate the lock-screen text when someone adds the user to a conversation
 */
@RegisterForReflection
public record PushSettings(boolean newMessage, String newMessageTemplate, boolean badgeCount,
        boolean addedToConversation, String addedToConversationTemplate) {
}
