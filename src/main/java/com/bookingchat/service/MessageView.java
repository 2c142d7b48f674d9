package com.bookingchat.service;

import java.time.Instant;

import com.bookingchat.persistence.UserType;

/** A message of a booking conversation. */
public record MessageView(String messageSid, int index, String conversationSid, String author, UserType userType,
        String body, Instant createdAt) {
}
