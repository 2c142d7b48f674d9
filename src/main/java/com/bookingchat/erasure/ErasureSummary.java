package com.bookingchat.erasure;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The record of an erasure: the digest standing for the person, when, and how much each step removed. */
public record ErasureSummary(
        @Schema(description = "keyed HMAC-SHA256 digest of userType:userId, the only trace kept of the person")
        String subjectDigest,
        Instant requestedAt,
        Instant completedAt,
        @Schema(description = "how much was removed, by kind (conversationsLeft, messagesReplaced, notificationsDeleted, ...)")
        Map<String, Long> removed) {
}
