package com.bookingchat.service;

import java.time.Instant;

/** The caller's read state after marking a conversation read. */
public record ReadReceipt(String conversationSid, Instant lastReadAt, long unreadCount) {
}
