package com.bookingchat.service;

import java.util.List;

/** A page of the inbox; {@code nextCursor} is null on the last page. */
public record Inbox(List<InboxEntry> conversations, long totalUnread, String nextCursor) {
}
