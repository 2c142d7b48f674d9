package com.bookingchat.lifecycle;

import java.time.Duration;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.bookingchat.invocation.LambdaDeadline;
import com.bookingchat.invocation.InternalInvocation;

/** The schedule's entrance to closing conversations that fell due; only the scheduler's event reaches it. */
@Path("/internal/lifecycle/runs")
@Produces(MediaType.APPLICATION_JSON)
public class LifecycleRunResource {

    private final LifecycleService lifecycle;
    private final LambdaDeadline deadline;

    LifecycleRunResource(LifecycleService lifecycle, LambdaDeadline deadline) {
        this.lifecycle = lifecycle;
        this.deadline = deadline;
    }

    @POST
    @Operation(hidden = true)
    public LifecycleRunSummary run(@Context APIGatewayV2HTTPEvent event) {
        InternalInvocation.require(event, InternalInvocation.SCHEDULER_API_ID);
        return lifecycle.run(() -> deadline.remaining().map(Duration::toMillis).orElse(Long.MAX_VALUE));
    }
}
