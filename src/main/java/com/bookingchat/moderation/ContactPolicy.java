package com.bookingchat.moderation;

/** What a conversation type does with contact details in a message before its booking is confirmed. */
public enum ContactPolicy {
    /** Replaces each phone number, e-mail address and link with a notice, and posts the rest. */
    MASK,
    /** Refuses the message. */
    REJECT,
    /** Posts the message as written. */
    ALLOW;

    /** Parses the lower-case spelling the settings use. */
    static ContactPolicy fromSetting(String value) {
        for (ContactPolicy policy : values()) {
            if (policy.name().equalsIgnoreCase(value.strip())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("a contact policy is mask, reject or allow, not '" + value + "'");
    }
}
