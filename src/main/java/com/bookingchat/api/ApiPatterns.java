package com.bookingchat.api;

import com.bookingchat.service.ServiceException;

/** The shapes of identifiers and paging parameters the API accepts, for every resource of every capability. */
public final class ApiPatterns {

    public static final String BOOKING_ID = "[A-Za-z0-9._:-]{1,128}";
    /** Twilio's conversation SIDs; anything else names no conversation and is not worth a database query. */
    public static final String CONVERSATION_SID = "CH[0-9a-f]{32}";
    public static final int MAX_TOKEN_LENGTH = 512;
    /** The most items one page of the inbox or of a history holds. */
    public static final int MAX_LIMIT = 100;

    private ApiPatterns() {
    }

    /**
     * Parses a numeric query parameter here rather than in JAX-RS, which answers a malformed number with
     * a 404 that would read like a missing conversation. The OpenAPI document still types it as an integer.
     */
    public static int limit(String value, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below with the same message as an out-of-range number
        }
        throw ServiceException.invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
