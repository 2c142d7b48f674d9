package com.bookingchat.twilio;

import java.time.Duration;
import java.util.Optional;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.Header;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The SDK's HTTP client, minus its own blind retries (three tries of every 5xx, 100 ms apart): the adapter
 * retries instead, knowing which requests are safe to repeat and how much time the invocation has left.
 * It also keeps Twilio's {@code Retry-After}, which the SDK's exceptions do not carry.
 */
class SingleAttemptHttpClient extends NetworkHttpClient {

    private static final ThreadLocal<Duration> RETRY_AFTER = new ThreadLocal<>();

    SingleAttemptHttpClient(HttpClientBuilder builder) {
        super(builder);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        RETRY_AFTER.remove();
        Response response = makeRequest(request);
        if (response != null) {
            for (Header header : response.getHeaders()) {
                if ("Retry-After".equalsIgnoreCase(header.getName())) {
                    RETRY_AFTER.set(parseSeconds(header.getValue()));
                }
            }
        }
        return response;
    }

    /** The Retry-After of the last answer on this thread, if Twilio sent one. */
    static Optional<Duration> lastRetryAfter() {
        return Optional.ofNullable(RETRY_AFTER.get());
    }

    private static Duration parseSeconds(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            // an HTTP date or garbage: Twilio sends seconds, anything else gets the default wait
            return null;
        }
    }
}
