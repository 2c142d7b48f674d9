package com.bookingchat;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import io.restassured.path.json.JsonPath;

/**
 * Sends raw API Gateway HTTP API (v2) events, shaped as the JWT authorizer delivers them, to the Lambda
 * mock event server's {@code /_lambda_} endpoint, which runs them through the same handler production uses;
 * or, while a {@code LocalDeployment} runs, to the packaged function that the template routes them to.
 * Every exchange goes to {@link LambdaExchanges}, whose log the OpenAPI contract tests read.
 */
public final class Lambda {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where events go instead of the mock event server: event in, API Gateway response out. */
    private static volatile Function<String, String> deployment;

    private Lambda() {
    }

    /**
     * The caller a request carries as JWT claims: an app user (a user id and type), or a system client (a
     * client id and a space-separated scope claim, as a client-credentials token has); {@link #ANONYMOUS}
     * carries no authorizer at all. A claim that is null is left out.
     */
    public record As(String userId, String userType, String clientId, String scope) {

        public As(String userId, String userType) {
            this(userId, userType, null, null);
        }

        /** A system client; like Cognito's client-credentials tokens, its subject is its client id. */
        public static As system(String clientId, String scope) {
            return new As(clientId, null, clientId, scope);
        }
    }

    public static final As ANONYMOUS = null;
    public static final As CUSTOMER = new As("customer-456", "customer");
    public static final As PROVIDER = new As("provider-789", "provider");
    public static final As STRANGER = new As("stranger-000", "customer");
    /** The booking system, with the scope of the booking routes. */
    public static final As BOOKING_SYSTEM = As.system("booking-system", "booking-chat/bookings.write");
    /** A support tool, with the scope of the support routes. */
    public static final As SUPPORT_TOOL = As.system("support-tool", "booking-chat/support.read");

    private static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:booking-chat-test";

    /** What the function answered. */
    public record Reply(int status, JsonNode headers, String body) {

        public JsonPath json() {
            return JsonPath.from(body);
        }

        public String header(String name) {
            for (var it = headers.fields(); it.hasNext();) {
                var entry = it.next();
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().asText();
                }
            }
            return null;
        }

        /** The problem code of an error answer. */
        public String code() {
            return json().getString("code");
        }
    }

    public static Reply get(As caller, String pathAndQuery) {
        return send(caller, "GET", pathAndQuery, null, Map.of());
    }

    public static Reply post(As caller, String path, String jsonBody) {
        return send(caller, "POST", path, jsonBody, Map.of());
    }

    /** Posts a form without claims, as Twilio posts its webhooks; {@code headers} add to or replace the defaults. */
    public static Reply postForm(String pathAndQuery, Map<String, String> form, Map<String, String> headers) {
        Map<String, String> allHeaders = new LinkedHashMap<>();
        allHeaders.put("content-type", "application/x-www-form-urlencoded");
        allHeaders.putAll(headers);
        String body = form.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), UTF_8) + "=" + URLEncoder.encode(p.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
        return send(ANONYMOUS, "POST", pathAndQuery, body, allHeaders);
    }

    public static Reply send(As caller, String method, String pathAndQuery, String body, Map<String, String> headers) {
        return invoke(event(caller, method, pathAndQuery, body, headers).toString());
    }

    /** Invokes the function with an event as written, e.g. one of the files in infra/events. */
    public static Reply invoke(String event) {
        Function<String, String> deployed = deployment;
        Reply reply = reply(deployed != null ? deployed.apply(event)
                : given().contentType("application/json").body(event)
                        .post("/_lambda_")
                        .then().statusCode(200)
                        .extract().asString());
        LambdaExchanges.record(event, reply);
        return reply;
    }

    /** Sends every event to {@code deployed} from now on; null sends them to the mock event server again. */
    public static void through(Function<String, String> deployed) {
        deployment = deployed;
    }

    /**
     * Hands an event to the handler in this JVM, as QuarkusStreamHandler does with the event Lambda's runtime
     * read: the event path without the mock event server's HTTP hops, which no deployed function has.
     */
    public static Reply handle(String event) {
        return handle(event, context(null));
    }

    /**
     * As {@link #handle(String)}, in an invocation that has {@code timeLeft} before Lambda's deadline, as a
     * deployed function's invocation has (its context names the function and counts down).
     */
    public static Reply handle(String event, Duration timeLeft) {
        return handle(event, context(Instant.now().plus(timeLeft)));
    }

    private static Reply handle(String event, Context context) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            AmazonLambdaRecorder.handle(new ByteArrayInputStream(event.getBytes(UTF_8)), answer, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Reply reply = reply(answer.toString(UTF_8));
        LambdaExchanges.record(event, reply);
        return reply;
    }

    /**
     * A request id, which the handler logs with, and with a deadline the function's ARN and the time left;
     * without one, like the mock event server's: no function ARN, hence no deadline (see LambdaDeadline).
     * Nothing else is read.
     */
    private static Context context(Instant deadline) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> UUID.randomUUID().toString();
                    case "getInvokedFunctionArn" -> deadline == null ? null : FUNCTION_ARN;
                    case "getRemainingTimeInMillis" -> deadline == null ? 0
                            : (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                    case "getMemoryLimitInMB" -> 0;
                    case "toString" -> "in-process Lambda context";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** An API Gateway response as the function wrote it. */
    public static Reply reply(String answer) {
        try {
            JsonNode reply = JSON.readTree(answer);
            JsonNode body = reply.path("body");
            return new Reply(reply.path("statusCode").asInt(), reply.path("headers"),
                    body.isNull() || body.isMissingNode() ? "" : body.asText());
        } catch (Exception e) {
            throw new IllegalStateException("the function answered no API Gateway response: " + answer, e);
        }
    }

    public static ObjectNode event(As caller, String method, String pathAndQuery, String body,
            Map<String, String> headers) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", query);
        Map<String, String> allHeaders = new LinkedHashMap<>();
        allHeaders.put("host", "api.booking-chat.test");
        if (body != null) {
            allHeaders.put("content-type", "application/json");
        }
        allHeaders.putAll(headers);
        event.set("headers", JSON.valueToTree(allHeaders));
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "api");
        context.put("domainName", "api.booking-chat.test");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("stage", "$default");
        context.put("timeEpoch", System.currentTimeMillis());
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "booking-chat-tests");
        if (caller != null) {
            ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
            putIfPresent(claims, "sub", caller.userId());
            putIfPresent(claims, "user_type", caller.userType());
            putIfPresent(claims, "client_id", caller.clientId());
            putIfPresent(claims, "scope", caller.scope());
            claims.put("iss", "https://issuer.booking-chat.test");
        }
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    private static void putIfPresent(ObjectNode claims, String name, String value) {
        if (value != null) {
            claims.put(name, value);
        }
    }
}
