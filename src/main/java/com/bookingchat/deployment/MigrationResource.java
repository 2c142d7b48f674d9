package com.bookingchat.deployment;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.bookingchat.invocation.InternalInvocation;

/**
 * The deploy's entrance to the database migrations. No API Gateway route maps it: the stack's migration step
 * invokes the migrate function's new version with a constant event naming {@value #DEPLOY_API_ID} as its API,
 * before the other functions are updated (README "Deploy").
 */
@Path("/internal/deployment/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationResource {

    /** The requestContext.apiId of the deploy step's event. */
    public static final String DEPLOY_API_ID = "booking-chat-deploy";

    private final Migrations migrations;

    MigrationResource(Migrations migrations) {
        this.migrations = migrations;
    }

    @POST
    @Operation(hidden = true)
    public MigrationReport migrate(@Context APIGatewayV2HTTPEvent event) {
        InternalInvocation.require(event, DEPLOY_API_ID);
        return migrations.apply();
    }
}
