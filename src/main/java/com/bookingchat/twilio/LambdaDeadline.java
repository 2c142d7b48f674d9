package com.bookingchat.twilio;

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
 * How long the current Lambda invocation has left, so retries never outlive it. Outside an invocation
 * (a scheduled run's worker thread, a test calling a service directly) or where the runtime gave no
 * deadline (the local mock event server) there is no deadline to respect.
 */
@ApplicationScoped
class LambdaDeadline {

    private final Instance<CurrentVertxRequest> request;

    LambdaDeadline(Instance<CurrentVertxRequest> request) {
        this.request = request;
    }

    Optional<Duration> remaining() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        RoutingContext routing = request.get().getCurrent();
        if (routing == null || !(routing.request().headers() instanceof QuarkusHttpHeaders headers)
                || !(headers.getContextObjects().get(Context.class) instanceof Context lambda)) {
            return Optional.empty();
        }
        int millis = lambda.getRemainingTimeInMillis();
        return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }
}
