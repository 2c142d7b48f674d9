package com.bookingchat.api;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.bookingchat.identity.CurrentCaller;
import com.bookingchat.notifications.PushPlatform;
import com.bookingchat.service.IssuedToken;
import com.bookingchat.service.TokenService;

/** Twilio access tokens for the apps' Conversations SDKs. */
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
public class TokenResource {

    private final CurrentCaller caller;
    private final TokenService tokens;

    TokenResource(CurrentCaller caller, TokenService tokens) {
        this.caller = caller;
        this.tokens = tokens;
    }

    /** The body is optional: the apps' first releases send none and get a token without push. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAccessToken", summary = "A Twilio access token for the caller's Conversations SDK; fetch a new one before expiresAt")
    public IssuedToken create(@RequestBody(required = false) @Valid TokenRequest body) {
        String platform = body == null ? null : body.platform();
        return tokens.issue(caller.get(), platform == null ? null : PushPlatform.fromWire(platform));
    }
}
