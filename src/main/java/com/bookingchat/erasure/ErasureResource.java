package com.bookingchat.erasure;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.bookingchat.identity.CurrentCaller;
import com.bookingchat.identity.SystemScope;
import com.bookingchat.persistence.UserType;
import com.bookingchat.service.UnicodeText;

/** The booking system erases a person who deleted their account (scope booking-chat/bookings.write by default). */
@Path("/users/{userType}/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "erasure")
public class ErasureResource {

    private final CurrentCaller caller;
    private final ErasureService erasure;

    ErasureResource(CurrentCaller caller, ErasureService erasure) {
        this.caller = caller;
        this.erasure = erasure;
    }

    @DELETE
    @Operation(operationId = "eraseUser", summary = "Erase a person from every conversation (idempotent, resumable)")
    public ErasureSummary erase(
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"customer", "provider"}))
            @PathParam("userType") @Pattern(regexp = "customer|provider") String userType,
            @PathParam("userId") @Size(min = 1, max = 128) @UnicodeText String userId) {
        return erasure.erase(caller.system(SystemScope.BOOKINGS_WRITE), UserType.fromWire(userType), userId);
    }
}
