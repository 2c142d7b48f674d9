package com.bookingchat.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of history; {@code nextPageToken} is null on the last page. */
public record MessageHistory(List<MessageView> messages,
        @Schema(nullable = true, description = "the pageToken of the next page; null on the last page") String nextPageToken) {
}
