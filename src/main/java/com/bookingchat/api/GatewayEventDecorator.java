package com.bookingchat.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.bookingchat.service.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands the Quarkus Lambda HTTP handler only events it can turn into a request. API Gateway HTTP APIs deliver
 * {@code rawPath} percent-decoded, so a client's {@code %20} arrives as a space, which the handler's request
 * line refuses with a bare 500, and a decoded {@code ?} would start a query; so characters that cannot stand
 * in a URI are encoded again. A body flagged as base64 that is not base64 also fails inside the handler, so
 * it is refused here as a malformed request.
 */
@Decorator
@Priority(1)
abstract class GatewayEventDecorator implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** RFC 3986 unreserved and sub-delimiter characters, and those a path segment adds. */
    private static final String PATH_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/";
    private static final String QUERY_CHARACTERS = PATH_CHARACTERS + "?";

    @Inject
    @Delegate
    @Any
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    @Inject
    ObjectMapper json;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getIsBase64Encoded() && event.getBody() != null && !isBase64(event.getBody())) {
            return malformed("the body is flagged as base64 but is not base64");
        }
        event.setRawPath(uriSafe(event.getRawPath(), PATH_CHARACTERS));
        event.setRawQueryString(uriSafe(event.getRawQueryString(), QUERY_CHARACTERS));
        return handler.handleRequest(event, context);
    }

    /**
     * Percent-encodes, as UTF-8, every character that may not stand unencoded in this part of a URI; an
     * existing {@code %XX} escape is kept, and a {@code %} that starts none is encoded itself.
     */
    static String uriSafe(String raw, String allowed) {
        if (raw == null) {
            return null;
        }
        byte[] bytes = raw.getBytes(UTF_8);
        StringBuilder safe = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape = b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escape || (b < 0x80 && allowed.indexOf(b) >= 0)) {
                safe.append((char) b);
            } else {
                safe.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
            }
        }
        return safe.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static boolean isBase64(String body) {
        try {
            Base64.getDecoder().decode(body);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private APIGatewayV2HTTPResponse malformed(String detail) {
        Problem problem = Problem.of(ErrorCode.MALFORMED_REQUEST, detail, null);
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(problem.status())
                    .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE))
                    .withBody(json.writeValueAsString(problem))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
    }
}
