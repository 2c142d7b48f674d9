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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.bookingchat.identity.CurrentCaller;
import com.bookingchat.service.ConversationService;
import com.bookingchat.service.ConversationView;
import com.bookingchat.service.Inbox;
import com.bookingchat.service.ReadReceipt;

/** Create a booking conversation, list the caller's inbox, mark a conversation read. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "conversations")
public class ConversationResource {

    private static final int INBOX_LIMIT = 20;

    private final CurrentCaller caller;
    private final ConversationService conversations;

    ConversationResource(CurrentCaller caller, ConversationService conversations) {
        this.caller = caller;
        this.conversations = conversations;
    }

    @POST
    @Path("bookings/{bookingId}/conversations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createBookingConversation", summary = "The one conversation of a booking, created on first call")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ConversationView.class)))
    @APIResponse(responseCode = "200", description = "Already existed", content = @Content(schema = @Schema(implementation = ConversationView.class)))
    public RestResponse<ConversationView> create(
            @PathParam("bookingId") @Pattern(regexp = ApiPatterns.BOOKING_ID) String bookingId,
            @NotNull @Valid CreateConversationRequest body) {
        ConversationView view = conversations.create(caller.get(), bookingId, body.type(), body.participants(),
                body.booking());
        return RestResponse.status(view.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK, view);
    }

    @GET
    @Path("conversations")
    @Operation(operationId = "getConversationsForUser", summary = "The caller's conversations, most recent activity first")
    public Inbox inbox(
            @Parameter(description = "conversations per page", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "" + ApiPatterns.MAX_LIMIT, defaultValue = "" + INBOX_LIMIT))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") @Size(max = ApiPatterns.MAX_TOKEN_LENGTH) String cursor) {
        return conversations.inbox(caller.get(), ApiPatterns.limit(limit, INBOX_LIMIT), cursor);
    }

    @POST
    @Path("conversations/{conversationSid}/read")
    @Operation(operationId = "markAsRead", summary = "Everything in the conversation is read by the caller")
    public ReadReceipt markRead(
            @PathParam("conversationSid") @Pattern(regexp = ApiPatterns.CONVERSATION_SID) String conversationSid) {
        return conversations.markRead(caller.get(), conversationSid);
    }
}
