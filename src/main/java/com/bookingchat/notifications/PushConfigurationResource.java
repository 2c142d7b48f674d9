package com.bookingchat.notifications;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.bookingchat.invocation.InternalInvocation;
import com.bookingchat.notifications.PushConfigurationService.PushConfigurationResult;

/**
 * The deploy's entrance to the push configuration, beside the migrations' on the same function. No API Gateway
 * route maps it: the stack's PushConfiguration step invokes the migrate function's new version with a constant
 * event naming the deploy's marker as its API (README "Deploy").
 */
@Path("/internal/deployment/push-configuration")
@Produces(MediaType.APPLICATION_JSON)
public class PushConfigurationResource {

    private final PushConfigurationService push;

    PushConfigurationResource(PushConfigurationService push) {
        this.push = push;
    }

    @POST
    @Operation(hidden = true)
    public PushConfigurationResult apply(@Context APIGatewayV2HTTPEvent event) {
        InternalInvocation.require(event, InternalInvocation.DEPLOY_API_ID);
        return push.apply();
    }
}
