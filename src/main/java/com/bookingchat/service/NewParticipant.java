package com.bookingchat.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.bookingchat.persistence.UserType;

/** A participant named in a create request. */
public record NewParticipant(
        @NotBlank @Size(max = 128) String userId,
        @NotNull UserType userType,
        @Size(max = 256) String userName) {
}
