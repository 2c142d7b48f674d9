package com.bookingchat.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.bookingchat.identity.CurrentCaller;

/** The caller's own notification preferences: channels, time zone and quiet hours. */
@Path("/me/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class PreferencesResource {

    private final CurrentCaller caller;
    private final PreferencesService preferences;

    PreferencesResource(CurrentCaller caller, PreferencesService preferences) {
        this.caller = caller;
        this.preferences = preferences;
    }

    @GET
    @Operation(operationId = "getNotificationPreferences",
            summary = "The caller's notification preferences; registerForPush tells the app whether to register for push")
    public PreferencesView get() {
        return preferences.get(caller.get());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateNotificationPreferences",
            summary = "Replace the caller's notification preferences; the answer is what was saved")
    public PreferencesView update(@NotNull @Valid PreferencesRequest body) {
        return preferences.update(caller.get(), body);
    }
}
