package com.bookingchat.digest;

import java.time.Duration;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.bookingchat.invocation.InternalInvocation;
import com.bookingchat.invocation.LambdaDeadline;

/**
 * The schedule's entrance to the unread digest. No API Gateway route maps it: EventBridge invokes the digest
 * function directly with a constant event naming {@value InternalInvocation#SCHEDULER_API_ID} as its API (see
 * {@link InternalInvocation}).
 */
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
    public DigestRun run(@jakarta.ws.rs.core.Context APIGatewayV2HTTPEvent event) {
        InternalInvocation.require(event, InternalInvocation.SCHEDULER_API_ID);
        return digests.run(() -> deadline.remaining().map(Duration::toMillis).orElse(Long.MAX_VALUE));
    }
}
