package com.bookingchat.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.bookingchat.persistence.UserType;

/**
 * A participant named in a create request; the phone, if any, is only for the unread digest and never shown.
 * Text is stored in PostgreSQL, which cannot hold U+0000, so it is refused here rather than after Twilio has
 * been told about the participant.
 */
public record NewParticipant(
        @NotBlank @Size(max = 128)
        @Pattern(regexp = NewParticipant.NO_NUL, message = NewParticipant.NO_NUL_MESSAGE) String userId,
        @NotNull UserType userType,
        @Size(max = 256)
        @Pattern(regexp = NewParticipant.NO_NUL, message = NewParticipant.NO_NUL_MESSAGE) String userName,
        @Pattern(regexp = "\\+[1-9][0-9]{1,14}", message = "must be an E.164 phone number such as +14155550100") String phone) {

    static final String NO_NUL = "[^\\x00]*";
    static final String NO_NUL_MESSAGE = "must not contain U+0000";
}
