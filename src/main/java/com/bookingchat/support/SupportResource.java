package com.bookingchat.support;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.bookingchat.api.ApiPatterns;
import com.bookingchat.identity.CurrentCaller;
import com.bookingchat.identity.SystemScope;
import com.bookingchat.service.MessageHistory;

/** Support tools' audited reads of a booking's conversation (scope booking-chat/support.read by default). */
@Path("/support")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "support")
public class SupportResource {

    private static final int HISTORY_LIMIT = 50;
    private static final String REASON = "why support reads this, kept in the audit log with who and when (required, "
            + "at most " + SupportReason.MAX_LENGTH + " characters)";

    private final CurrentCaller caller;
    private final SupportService support;

    SupportResource(CurrentCaller caller, SupportService support) {
        this.caller = caller;
        this.support = support;
    }

    @GET
    @Path("bookings/{bookingId}/conversations")
    @Operation(operationId = "supportFindBookingConversations",
            summary = "A booking's conversations with their participants, for support, on record")
    public SupportConversations find(
            @PathParam("bookingId") @Pattern(regexp = ApiPatterns.BOOKING_ID) String bookingId,
            @Parameter(description = REASON, required = true, schema = @Schema(type = SchemaType.STRING, minLength = 1,
                    maxLength = SupportReason.MAX_LENGTH)) @QueryParam("reason") String reason) {
        return support.find(caller.system(SystemScope.SUPPORT_READ), bookingId, reason);
    }

    @GET
    @Path("conversations/{conversationSid}/messages")
    @Operation(operationId = "supportGetMessages", summary = "One page of a conversation's history, for support, on record")
    public MessageHistory history(
            @PathParam("conversationSid") @Pattern(regexp = ApiPatterns.CONVERSATION_SID) String conversationSid,
            @Parameter(description = REASON, required = true, schema = @Schema(type = SchemaType.STRING, minLength = 1,
                    maxLength = SupportReason.MAX_LENGTH)) @QueryParam("reason") String reason,
            @Parameter(description = "messages per page", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "" + ApiPatterns.MAX_LIMIT, defaultValue = "" + HISTORY_LIMIT))
            @QueryParam("limit") String limit,
            @Parameter(description = "oldest first (asc) or newest first (desc)", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"asc", "desc"}, defaultValue = "asc"))
            @QueryParam("order") @Pattern(regexp = "asc|desc") String order,
            @Parameter(description = "nextPageToken of the previous page") @QueryParam("pageToken")
            @Size(max = ApiPatterns.MAX_TOKEN_LENGTH) String pageToken) {
        return support.history(caller.system(SystemScope.SUPPORT_READ), conversationSid, reason,
                ApiPatterns.limit(limit, HISTORY_LIMIT), !"desc".equals(order), pageToken);
    }
}
