package com.bookingchat.erasure;

/** Where steps count what they removed; each count is recorded at once, so an interrupted erasure keeps it. */
public interface ErasureTally {

    /** Adds {@code count} to what the erasure removed of {@code what} (a camelCase name, shown in the summary). */
    void add(String what, long count);
}
