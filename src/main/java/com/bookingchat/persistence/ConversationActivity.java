package com.bookingchat.persistence;

/** Where a conversation's recorded history ends; {@code lastMessageIndex} is null before its first message. */
public record ConversationActivity(long id, String twilioConversationSid, Integer lastMessageIndex) {
}
