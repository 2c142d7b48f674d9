package com.bookingchat.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.bookingchat.service.UnicodeText;

/** Body of the send operation; the author is always the caller. */
public record SendMessageRequest(
        @NotBlank @Size(max = 1600) @UnicodeText String body,
        @Pattern(regexp = ApiPatterns.BOOKING_ID) String bookingId) {
}
