package com.bookingchat.service;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A Twilio access token, the identity it speaks for, when Twilio stops accepting it, and whether its chat grant
 * names a push credential (false without a platform, or for a platform none is configured for).
 */
public record IssuedToken(String token, String identity, Instant expiresAt,
        @Schema(description = "whether Twilio will push new messages to the app that registers with this token")
        boolean push) {
}
