package com.bookingchat.persistence;

import java.time.Instant;

/** A keyset position in the inbox order (activity time, then id, both descending). */
public record InboxPosition(Instant activityAt, long id) {

    /** Before every real row: the first page starts here (public so the benchmark binds the same value). */
    public static final InboxPosition START = new InboxPosition(Instant.parse("9999-12-31T23:59:59Z"), Long.MAX_VALUE);
}
