package com.bookingchat.persistence;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a conversation's recorded history ends; {@code lastMessageIndex} is null before its first message.
 * A Panache projection, which Panache builds by finding its constructor reflectively: registered so the
 * native binary keeps it.
 */
@RegisterForReflection
public record ConversationActivity(long id, String twilioConversationSid, Integer lastMessageIndex) {
}
