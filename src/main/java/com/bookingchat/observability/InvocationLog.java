package com.bookingchat.observability;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.bookingchat.identity.IdentityConfig;
import com.bookingchat.invocation.PrimingStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes one line per invocation: which request (Lambda's and API Gateway's ids), which function and route,
 * the answer's status and problem code, how long it took, whether it was the environment's cold start, and who
 * called, as a user type and a keyed digest of the id. It sits outside every other handler decorator, so it
 * also sees the events those refuse. The line never holds a path, a body or a header: route keys are templates,
 * so ids, message text, phone numbers and tokens cannot reach it. At the end the invocation's metrics are written.
 */
@Decorator
@Priority(0)
abstract class InvocationLog implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = Logger.getLogger(InvocationLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Delegate
    @Any
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    @Inject
    ColdStart coldStart;

    @Inject
    UserDigest userDigest;

    @Inject
    EmfMetrics metrics;

    @Inject
    ObservabilityConfig config;

    @Inject
    IdentityConfig identity;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (context != null && PrimingStreamHandler.PRIMING_REQUEST_ID.equals(context.getAwsRequestId())) {
            // Priming runs in the init phase, before a snapshot: no invocation of anyone's, and not the cold start.
            try {
                return handler.handleRequest(event, context);
            } finally {
                metrics.discard();
            }
        }
        long started = System.nanoTime();
        boolean cold = coldStart.take();
        APIGatewayV2HTTPResponse response = null;
        try {
            response = handler.handleRequest(event, context);
            return response;
        } finally {
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            // an exception escaping the handler reaches Lambda as an invocation error, which API Gateway answers with 500
            int status = response == null ? 500 : response.getStatusCode();
            String route = routeKey(event);
            metrics.count(Metric.REQUESTS, route, status / 100 + "xx");
            if (cold) {
                metrics.count(Metric.COLD_STARTS, functionName(context));
            }
            write(event, context, response, route, status, millis, cold);
            metrics.flush();
        }
    }

    private void write(APIGatewayV2HTTPEvent event, Context context, APIGatewayV2HTTPResponse response, String route,
            int status, double millis, boolean cold) {
        Optional<String> code = problemCode(response);
        if (!config.json()) {
            LOG.infof("%s -> %d%s in %.1f ms%s", route, status, code.map(c -> " " + c).orElse(""), millis,
                    cold ? " (cold start)" : "");
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", Instant.now().toString());
        line.put("level", "INFO");
        line.put("message", "invocation");
        line.put("function", functionName(context));
        line.put("route", route);
        line.put("status", status);
        code.ifPresent(c -> line.put("code", c));
        line.put("durationMs", Math.round(millis * 100) / 100.0);
        line.put("coldStart", cold);
        Map<String, String> claims = claims(event);
        String userType = claims.get(identity.userTypeClaim());
        String userId = claims.get(identity.userIdClaim());
        if (userType != null) {
            line.put("userType", userType);
        }
        if (userId != null) {
            userDigest.of(String.valueOf(userType), userId).ifPresent(digest -> line.put("user", digest));
        }
        // where Quarkus's JSON lines carry them, so one query finds every line of a request
        ObjectNode ids = line.putObject("mdc");
        ids.put("requestId", context == null ? null : context.getAwsRequestId());
        ids.put("apiRequestId", event.getRequestContext() == null ? null : event.getRequestContext().getRequestId());
        System.out.println(line);
    }

    /** API Gateway's route key is the route's template ("POST /conversations/{conversationSid}/read"), never the path. */
    private static String routeKey(APIGatewayV2HTTPEvent event) {
        String key = event.getRouteKey();
        if (key != null && !key.isBlank() && !key.equals("$default")) {
            return key;
        }
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                : event.getRequestContext().getHttp().getMethod();
        return (method == null ? "?" : method) + " (no route)";
    }

    private static String functionName(Context context) {
        String name = context == null ? null : context.getFunctionName();
        return name == null ? System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "local") : name;
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null
                || event.getRequestContext().getAuthorizer().getJwt().getClaims() == null) {
            return Map.of();
        }
        return event.getRequestContext().getAuthorizer().getJwt().getClaims();
    }

    /** The stable code of a problem answer; the body is read only for error statuses. */
    private static Optional<String> problemCode(APIGatewayV2HTTPResponse response) {
        if (response == null || response.getStatusCode() < 400 || response.getBody() == null || response.getIsBase64Encoded()) {
            return Optional.empty();
        }
        try {
            JsonNode code = JSON.readTree(response.getBody()).get("code");
            return code != null && code.isTextual() ? Optional.of(code.asText()) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
