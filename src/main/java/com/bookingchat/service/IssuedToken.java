package com.bookingchat.service;

import java.time.Instant;

/** A Twilio access token, the identity it speaks for, and when Twilio stops accepting it. */
public record IssuedToken(String token, String identity, Instant expiresAt) {
}
