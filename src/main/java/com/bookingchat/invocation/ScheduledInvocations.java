package com.bookingchat.invocation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

/**
 * The schedule's entrance to internal routes ({@code /internal/...}). No API Gateway route maps them:
 * EventBridge invokes the function directly with a constant event naming {@value #SCHEDULER_API_ID} as its
 * API and carrying no authorizer. Any other event is answered as if the route did not exist, so a catch-all
 * API route that reached such a function by mistake could not start a run.
 */
public final class ScheduledInvocations {

    /** The requestContext.apiId of the scheduler's events; API Gateway puts its own API id there. */
    public static final String SCHEDULER_API_ID = "booking-chat-scheduler";

    private ScheduledInvocations() {
    }

    /** Refuses, as a missing route, every event but the scheduler's. */
    public static void require(APIGatewayV2HTTPEvent event) {
        RequestContext request = event.getRequestContext();
        if (request == null || !SCHEDULER_API_ID.equals(request.getApiId()) || request.getAuthorizer() != null) {
            throw new ServiceException(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.title());
        }
    }
}
