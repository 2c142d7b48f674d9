package com.bookingchat.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.bookingchat.service.NewParticipant;
import com.bookingchat.service.UnicodeText;

/** Body of the create operation; the caller must be one of the participants. */
public record CreateConversationRequest(
        @Pattern(regexp = "[a-z][a-z0-9_]{0,39}") String type,
        @NotNull @Size(min = 2, max = 10) List<@NotNull @Valid NewParticipant> participants,
        @UnicodeText Map<String, Object> booking) {
}
