package com.bookingchat.support;

import java.util.List;

/** Every conversation of a booking (one per conversation type), oldest first; empty when the booking has none. */
public record SupportConversations(List<SupportConversation> conversations) {
}
