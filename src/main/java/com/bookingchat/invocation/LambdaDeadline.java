package com.bookingchat.invocation;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.amazonaws.services.lambda.runtime.Context;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * How long the current Lambda invocation has left, so Twilio retries and the digest never outlive it. Outside
 * an invocation (a worker thread, a test calling a service directly) or where the runtime gave no deadline
 * (the local mock event server) there is no deadline to respect.
 */
@ApplicationScoped
public class LambdaDeadline {

    private final Instance<CurrentVertxRequest> request;

    LambdaDeadline(Instance<CurrentVertxRequest> request) {
        this.request = request;
    }

    /** The time left in the invocation the current request belongs to, if it has a deadline. */
    public Optional<Duration> remaining() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        RoutingContext routing = request.get().getCurrent();
        if (routing == null || !(routing.request().headers() instanceof QuarkusHttpHeaders headers)
                || !(headers.getContextObjects().get(Context.class) instanceof Context lambda)) {
            return Optional.empty();
        }
        return remaining(lambda);
    }

    /**
     * Lambda's runtime API gives every invocation a deadline together with the function's ARN; the mock event
     * server of dev and test gives neither, and its context then reports a meaningless (wrapped) remaining time.
     */
    static Optional<Duration> remaining(Context invocation) {
        return invocation.getInvokedFunctionArn() == null ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.max(0, invocation.getRemainingTimeInMillis())));
    }
}
