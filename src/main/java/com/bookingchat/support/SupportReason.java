package com.bookingchat.support;

import com.bookingchat.service.ServiceException;
import com.bookingchat.service.UnicodeText;
import com.bookingchat.service.UnicodeTextValidator;

/**
 * Why a support agent reads a conversation, as the audit log keeps it. Checked after the caller's scope, so
 * that a caller who may not use the route learns nothing about what the route wants.
 */
final class SupportReason {

    static final int MAX_LENGTH = 500;

    private SupportReason() {
    }

    /** The reason, stripped; missing, blank, too long or not text is a 400 that reads nothing. */
    static String require(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ServiceException.invalid("reason is required: say why this conversation is read, for the audit log");
        }
        String stripped = reason.strip();
        if (stripped.length() > MAX_LENGTH) {
            throw ServiceException.invalid("reason must be at most " + MAX_LENGTH + " characters");
        }
        if (!UnicodeTextValidator.isText(stripped)) {
            throw ServiceException.invalid("reason " + UnicodeText.MESSAGE);
        }
        return stripped;
    }
}
