package com.bookingchat.service;

import java.util.List;

/** A page of history; {@code nextPageToken} is null on the last page. */
public record MessageHistory(List<MessageView> messages, String nextPageToken) {
}
