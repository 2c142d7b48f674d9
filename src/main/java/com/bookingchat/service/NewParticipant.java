package com.bookingchat.service;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.bookingchat.persistence.UserType;

/**
 * A participant named in a create request; the phone and the e-mail address, if any, are only for the unread
 * digest and never shown.
 * Names go to PostgreSQL and to Twilio's participant attributes, so text that is not valid is refused here
 * rather than after Twilio has been told about the participant.
 */
public record NewParticipant(
        @NotBlank @Size(max = 128) @UnicodeText String userId,
        @NotNull UserType userType,
        @Size(max = 256) @UnicodeText String userName,
        @Pattern(regexp = "\\+[1-9][0-9]{1,14}", message = "must be an E.164 phone number such as +14155550100") String phone,
        @Size(max = 254) @UnicodeText @Email(regexp = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+",
                message = "must be an e-mail address such as jane@example.com") String email) {
}
