package com.bookingchat.persistence;

import java.util.List;

/** The rows of one inbox page and the caller's unread total over all its conversations of that type. */
public record InboxPage(List<InboxRow> rows, long totalUnread) {
}
