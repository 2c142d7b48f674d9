package com.bookingchat.digest;

import java.time.Duration;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.bookingchat.invocation.LambdaDeadline;
import com.bookingchat.invocation.ScheduledInvocations;

/** The schedule's entrance to the unread digest; only the scheduler's event reaches it ({@link ScheduledInvocations}). */
@Path("/internal/digest/runs")
@Produces(MediaType.APPLICATION_JSON)
public class DigestRunResource {

    private final DigestService digests;
    private final LambdaDeadline deadline;

    DigestRunResource(DigestService digests, LambdaDeadline deadline) {
        this.digests = digests;
        this.deadline = deadline;
    }

    @POST
    @Operation(hidden = true)
    public DigestSummary run(@jakarta.ws.rs.core.Context APIGatewayV2HTTPEvent event) {
        ScheduledInvocations.require(event);
        return digests.run(() -> deadline.remaining().map(Duration::toMillis).orElse(Long.MAX_VALUE));
    }
}
