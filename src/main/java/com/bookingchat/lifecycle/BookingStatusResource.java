package com.bookingchat.lifecycle;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.bookingchat.api.ApiPatterns;
import com.bookingchat.identity.CurrentCaller;
import com.bookingchat.identity.SystemScope;
import com.bookingchat.service.ServiceException;

/**
 * The booking system reports a booking's status; the booking's conversations follow it. The caller is checked
 * before the body, so an app user learns nothing from this route but its 403.
 */
@Path("/bookings/{bookingId}/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bookings")
public class BookingStatusResource {

    private final CurrentCaller caller;
    private final LifecycleService lifecycle;
    private final Validator validator;

    BookingStatusResource(CurrentCaller caller, LifecycleService lifecycle, Validator validator) {
        this.caller = caller;
        this.lifecycle = lifecycle;
        this.validator = validator;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateBookingStatus",
            summary = "The booking's status (booking system only); idempotent, and an older update changes nothing")
    public BookingStatusView update(
            @PathParam("bookingId") @Pattern(regexp = ApiPatterns.BOOKING_ID) String bookingId,
            BookingStatusUpdate body) {
        caller.system(SystemScope.BOOKINGS_WRITE);
        if (body == null) {
            throw ServiceException.invalid("a body with status, endsAt and occurredAt is required");
        }
        var violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return lifecycle.update(bookingId, body);
    }
}
