package com.bookingchat.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.bookingchat.identity.CurrentCaller;
import com.bookingchat.service.MessageHistory;
import com.bookingchat.service.MessageService;
import com.bookingchat.service.MessageView;
import com.bookingchat.service.SendResult;

/** Send a message as the caller and read a conversation's history. */
@Path("/conversations/{conversationSid}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "messages")
public class MessageResource {

    /** Tells a client its send was answered from an earlier attempt with the same key. */
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    private static final int HISTORY_LIMIT = 50;

    private final CurrentCaller caller;
    private final MessageService messages;

    MessageResource(CurrentCaller caller, MessageService messages) {
        this.caller = caller;
        this.messages = messages;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendMessage", summary = "Post a message as the caller")
    @APIResponse(responseCode = "201", description = "Posted, or the replay of the first answer to this Idempotency-Key",
            content = @Content(schema = @Schema(implementation = MessageView.class)),
            headers = @Header(name = IDEMPOTENT_REPLAYED, description = "present, and true, only on a replay",
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true")))
    public RestResponse<MessageView> send(
            @PathParam("conversationSid") @Pattern(regexp = ApiPatterns.CONVERSATION_SID) String conversationSid,
            @Parameter(description = "makes retries safe: the same key within 24 h returns the first answer")
            @HeaderParam("Idempotency-Key") @Size(max = 255) @Pattern(regexp = "[\\x21-\\x7E]+") String idempotencyKey,
            @NotNull @Valid SendMessageRequest body) {
        SendResult result = messages.send(caller.get(), conversationSid, body.body(), body.bookingId(), idempotencyKey);
        return RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, result.message())
                .header(IDEMPOTENT_REPLAYED, result.replayed() ? "true" : null)
                .build();
    }

    @GET
    @Operation(operationId = "getMessages", summary = "One page of the conversation's history")
    public MessageHistory history(
            @PathParam("conversationSid") @Pattern(regexp = ApiPatterns.CONVERSATION_SID) String conversationSid,
            @Parameter(description = "messages per page", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "" + ApiPatterns.MAX_LIMIT, defaultValue = "" + HISTORY_LIMIT))
            @QueryParam("limit") String limit,
            @Parameter(description = "oldest first (asc) or newest first (desc)", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"asc", "desc"}, defaultValue = "asc"))
            @QueryParam("order") @Pattern(regexp = "asc|desc") String order,
            @Parameter(description = "nextPageToken of the previous page") @QueryParam("pageToken") @Size(max = ApiPatterns.MAX_TOKEN_LENGTH) String pageToken) {
        return messages.history(caller.get(), conversationSid, ApiPatterns.limit(limit, HISTORY_LIMIT),
                !"desc".equals(order), pageToken);
    }
}
