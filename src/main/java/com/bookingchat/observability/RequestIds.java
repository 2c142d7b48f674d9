package com.bookingchat.observability;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts the invocation's request ids into the logging context, so every line logged while serving it (a Twilio
 * retry, a database outage) carries the ids of its invocation line. Quarkus keeps that context with the
 * request's Vert.x context, across the worker thread that serves it.
 */
class RequestIds {

    @ServerRequestFilter(preMatching = true)
    void tag(RoutingContext routing) {
        if (!(routing.request().headers() instanceof QuarkusHttpHeaders headers)) {
            return;
        }
        if (headers.getContextObjects().get(Context.class) instanceof Context lambda && lambda.getAwsRequestId() != null) {
            MDC.put("requestId", lambda.getAwsRequestId());
        }
        if (headers.getContextObjects().get(APIGatewayV2HTTPEvent.class) instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            MDC.put("apiRequestId", event.getRequestContext().getRequestId());
        }
    }
}
