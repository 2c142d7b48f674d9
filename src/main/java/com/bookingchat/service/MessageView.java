package com.bookingchat.service;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bookingchat.persistence.UserType;

/** A message of a booking conversation. */
public record MessageView(String messageSid, int index, String conversationSid, String author,
        @Schema(nullable = true, description = "null when the author is not a participant, such as Twilio's \"system\"")
        UserType userType,
        @Schema(nullable = true, description = "null for a media message sent from a client SDK without text")
        String body,
        Instant createdAt) {
}
