package com.bookingchat.persistence;

import java.util.List;

/**
 * One batch of digest work, locked by the claiming transaction: the unread groups of the recipients it
 * won, ordered by recipient and then latest message first.
 *
 * @param lastCandidate the last recipient the batch looked at, where the next batch starts; null when no
 *        recipient after the starting point had anything to digest
 */
public record DigestClaim(String lastCandidate, List<UnreadGroup> groups) {
}
