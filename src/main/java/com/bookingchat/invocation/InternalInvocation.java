package com.bookingchat.invocation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

/**
 * The guard of the internal routes that no API Gateway route maps: their callers (the scheduler, the deploy's
 * migration step) invoke the function directly with a constant event whose {@code requestContext.apiId} is a
 * marker of their own and that carries no authorizer. Any other event is answered as if the route did not
 * exist, so a catch-all API route that reached such a function by mistake could not start the work.
 */
public final class InternalInvocation {

    private InternalInvocation() {
    }

    /** Passes only an event carrying this caller's marker and no authorizer; 404 otherwise. */
    public static void require(APIGatewayV2HTTPEvent event, String callerApiId) {
        RequestContext request = event.getRequestContext();
        if (request == null || !callerApiId.equals(request.getApiId()) || request.getAuthorizer() != null) {
            throw new ServiceException(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.title());
        }
    }
}
