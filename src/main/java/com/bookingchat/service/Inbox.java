package com.bookingchat.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the inbox; {@code nextCursor} is null on the last page. */
public record Inbox(List<InboxEntry> conversations, long totalUnread,
        @Schema(nullable = true, description = "the cursor of the next page; null on the last page") String nextCursor) {
}
