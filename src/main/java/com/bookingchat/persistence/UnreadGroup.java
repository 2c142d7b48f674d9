package com.bookingchat.persistence;

import java.util.List;

/**
 * The claimed unread notifications of one recipient in one conversation, with what a digest says about them.
 *
 * @param recipientPhone the recipient's most recently given phone number, or null
 * @param recipientPhoneRefused whether Twilio refused SMS to that phone for good (see migration V6)
 * @param authors the authors' user names, or user ids where no name is known, in user id order
 */
public record UnreadGroup(String recipientUserId, String recipientPhone, boolean recipientPhoneRefused,
        String bookingId, int messages, List<String> authors, List<Long> notificationIds) {
}
