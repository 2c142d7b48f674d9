package com.bookingchat.service;

/** The answer to a send, and whether it is the replay of an earlier attempt with the same Idempotency-Key. */
public record SendResult(MessageView message, boolean replayed) {
}
