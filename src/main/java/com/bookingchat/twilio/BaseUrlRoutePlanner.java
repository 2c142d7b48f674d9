package com.bookingchat.twilio;

import java.net.URI;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Connects every request to one base URL while the request keeps Twilio's own URI and Host, so the
 * SDK's whole HTTP path (auth, form encoding, paging URLs, parsing) stays as in production.
 */
final class BaseUrlRoutePlanner implements HttpRoutePlanner {

    private final HttpHost target;

    BaseUrlRoutePlanner(URI baseUrl) {
        if (baseUrl.getHost() == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                || (baseUrl.getPath() != null && !baseUrl.getPath().isEmpty() && !"/".equals(baseUrl.getPath()))) {
            throw new IllegalArgumentException("twilio.api-base-url must be scheme://host[:port] without a path: " + baseUrl);
        }
        int port = baseUrl.getPort() != -1 ? baseUrl.getPort() : "https".equals(baseUrl.getScheme()) ? 443 : 80;
        this.target = new HttpHost(baseUrl.getScheme(), baseUrl.getHost(), port);
    }

    @Override
    public HttpRoute determineRoute(HttpHost ignoredTwilioHost, HttpContext context) {
        return new HttpRoute(target, null, "https".equals(target.getSchemeName()));
    }
}
