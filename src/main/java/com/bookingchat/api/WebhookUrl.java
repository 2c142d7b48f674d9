package com.bookingchat.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/**
 * Rebuilds the URL Twilio called, which its signature covers: the configured public base URL, then the path API
 * Gateway received ({@code rawPath}), then {@code ?rawQueryString} if there is one. Called on its execute-api
 * domain with a named stage, API Gateway starts {@code rawPath} with the stage ({@code /prod/twilio/webhook}); the
 * base URL may end with that stage too (it is the stage's invoke URL), and the segment then counts once. The
 * {@code $default} stage and custom domains, whose mapping picks the stage, put no stage in the path.
 */
final class WebhookUrl {

    private static final String DEFAULT_STAGE = "$default";

    private WebhookUrl() {
    }

    static String of(String publicBaseUrl, APIGatewayV2HTTPEvent event) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        String path = event.getRawPath();
        String stage = event.getRequestContext() == null ? null : event.getRequestContext().getStage();
        if (stage != null && !DEFAULT_STAGE.equals(stage) && base.endsWith("/" + stage)
                && path.startsWith("/" + stage + "/")) {
            path = path.substring(stage.length() + 1);
        }
        String query = event.getRawQueryString();
        return base + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
