package com.bookingchat.invocation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * The JVM functions' Lambda handler: Quarkus's stream handler, which starts the application during init,
 * followed, where {@value #REQUEST} names a request, by that request sent through the whole event path
 * before init ends. With SnapStart the snapshot is taken after init, so a restored function starts with the
 * classes of its request path loaded and linked instead of loading them on its first real event.
 * <p>
 * The request comes from a caller that exists nowhere ({@value #CALLER}) and changes nothing: the template
 * gives each function a request of its own route that its credentials can answer (an empty inbox, a 404 for
 * an unknown conversation, a 400 for an empty body), never one that writes or calls Twilio. Its answer is
 * only logged; a failed priming never fails the init.
 */
public class PrimingStreamHandler extends QuarkusStreamHandler {

    /** The request to prime with, as the route key API Gateway would give it, e.g. {@code GET /conversations}. */
    static final String REQUEST = "booking-chat.priming.request";
    static final String CALLER = "booking-chat-priming";
    /** The Lambda request id the priming request is handled under; no invocation of Lambda's has it. */
    public static final String PRIMING_REQUEST_ID = "priming";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The constructor Lambda calls during init. */
    public PrimingStreamHandler() {
        ConfigProvider.getConfig().getOptionalValue(REQUEST, String.class).ifPresent(request -> prime(request, this));
    }

    /** Sends the priming request through {@code handler}; whatever goes wrong is logged, never thrown. */
    static void prime(String routeKey, RequestStreamHandler handler) {
        // Looked up only now: before the application has started, logging is not yet Quarkus's.
        Logger log = Logger.getLogger(PrimingStreamHandler.class);
        long start = System.nanoTime();
        try {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event(routeKey)), answer, new PrimingContext());
            log.infof("primed with %s: HTTP %s in %d ms", routeKey, JSON.readTree(answer.toByteArray()).path("statusCode"),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.warnf(e, "priming with %s failed; the function starts unprimed", routeKey);
        }
    }

    /** An API Gateway HTTP API (v2) event for {@code routeKey} from the priming caller, with an empty JSON body. */
    static byte[] event(String routeKey) {
        String[] methodAndPath = routeKey.split(" ", 2);
        if (methodAndPath.length != 2 || !methodAndPath[1].startsWith("/")) {
            throw new IllegalArgumentException(REQUEST + " must be a method and a path, e.g. GET /conversations: " + routeKey);
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", methodAndPath[1]);
        event.put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json").put("host", "priming.invalid");
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "priming");
        context.put("stage", "$default");
        context.put("timeEpoch", System.currentTimeMillis());
        context.putObject("http").put("method", methodAndPath[0]).put("path", methodAndPath[1])
                .put("protocol", "HTTP/1.1").put("sourceIp", "127.0.0.1");
        ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
        claims.put(claim("booking-chat.identity.user-id-claim"), CALLER);
        claims.put(claim("booking-chat.identity.user-type-claim"), "customer");
        event.put("body", "{}");
        event.put("isBase64Encoded", false);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String claim(String property) {
        return ConfigProvider.getConfig().getValue(property, String.class);
    }

    /**
     * A context for the priming request alone: a request id to log with, no function ARN and hence no
     * deadline (see {@link LambdaDeadline}); nothing else is read on the request path.
     */
    private static final class PrimingContext implements Context {

        @Override
        public String getAwsRequestId() {
            return PRIMING_REQUEST_ID;
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return null;
        }

        @Override
        public String getFunctionVersion() {
            return null;
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 0;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 0;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
