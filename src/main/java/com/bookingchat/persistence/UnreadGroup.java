package com.bookingchat.persistence;

import java.util.List;

/**
 * The claimed unread notifications of one recipient in one conversation, with what a digest says about them.
 *
 * @param reach where and when the claiming channel may reach the recipient
 * @param authors the authors' user names, or user ids where no name is known, in user id order
 */
public record UnreadGroup(String recipientUserId, Reach reach, String bookingId, int messages, List<String> authors,
        List<Long> notificationIds) {

    /**
     * How a digest channel reaches a recipient.
     *
     * @param address the recipient's most recently given address on the channel (phone, e-mail), or null
     * @param refused whether the provider refused that address for good (see migration V6)
     * @param enabled whether the recipient wants digests on the channel (migration V7; true without preferences)
     * @param timeZone the recipient's IANA zone, null without preferences
     * @param quietStart the recipient's quiet hours as HH:mm, both null where there are none
     */
    public record Reach(String address, boolean refused, boolean enabled, String timeZone, String quietStart,
            String quietEnd) {
    }
}
