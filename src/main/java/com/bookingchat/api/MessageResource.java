package com.bookingchat.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.bookingchat.identity.CurrentCaller;
import com.bookingchat.service.MessageHistory;
import com.bookingchat.service.MessageService;
import com.bookingchat.service.MessageView;

/** Send a message as the caller and read a conversation's history. */
@Path("/conversations/{conversationSid}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "messages")
public class MessageResource {

    private final CurrentCaller caller;
    private final MessageService messages;

    MessageResource(CurrentCaller caller, MessageService messages) {
        this.caller = caller;
        this.messages = messages;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "sendMessage: post a message as the caller")
    public MessageView send(@PathParam("conversationSid") String conversationSid,
            @NotNull @Valid SendMessageRequest body) {
        return messages.send(caller.get(), conversationSid, body.body(), body.bookingId());
    }

    @GET
    @Operation(summary = "getMessages: one page of the conversation's history")
    public MessageHistory history(@PathParam("conversationSid") String conversationSid,
            @Parameter(description = "1 to 100, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "asc (default) or desc") @QueryParam("order") @Pattern(regexp = "asc|desc") String order,
            @Parameter(description = "nextPageToken of the previous page") @QueryParam("pageToken") @Size(max = ApiPatterns.MAX_TOKEN_LENGTH) String pageToken) {
        return messages.history(caller.get(), conversationSid, ApiPatterns.limit(limit, 50, 100),
                !"desc".equals(order), pageToken);
    }
}
