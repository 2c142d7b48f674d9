package com.bookingchat.twilio.emulator;

import com.bookingchat.twilio.emulator.ConversationsApi.Reply;
import com.bookingchat.twilio.emulator.ConversationsApi.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Conversations webhooks as Twilio sends them (post-event, and onMessageAdd pre-events for client SDK posts): form-encoded POSTs carrying {@code X-Twilio-Signature},
 * the base64 HMAC-SHA1, keyed with the auth token, of the URL followed by every parameter name and value in name
 * order. Client SDK actions always fire them; REST actions only with {@code X-Twilio-Webhook-Enabled: true}, as on
 * Twilio. Client SDK actions deliver before returning; webhooks of REST calls are delivered in the background, so
 * an application that handles webhooks one at a time is not waiting on itself, and {@link #awaitDeliveries()}
 * waits for them.
 */
public final class WebhookDelivery {

    /** Twilio abandons a webhook that has not answered within 5 s. */
    private static final Duration TWILIO_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern MESSAGES = Pattern.compile("/v1/Conversations/[^/]+/Messages");
    private static final Pattern PARTICIPANT = Pattern.compile("/v1/Conversations/[^/]+/Participants/[^/]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConversationsApi api;
    private final String accountSid;
    private final String authToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TWILIO_TIMEOUT).build();
    private final Set<CompletableFuture<Integer>> pending = ConcurrentHashMap.newKeySet();
    private volatile URI target;
    private volatile URI preEventTarget;
    private volatile Map<String, String> lastEvent;

    WebhookDelivery(ConversationsApi api, String accountSid, String authToken) {
        this.api = api;
        this.accountSid = accountSid;
        this.authToken = authToken;
    }

    /** Posts every later webhook to this URL, the post-event URL of Twilio's webhook configuration. */
    public void deliverTo(URI url) {
        this.target = url;
    }

    /**
     * Asks this URL, the pre-event URL of Twilio's webhook configuration, before a client SDK's message is added;
     * null stops asking (the default, as with no pre-event URL configured).
     */
    public void preEventsTo(URI url) {
        this.preEventTarget = url;
    }

    /**
     * Posts a message as the author's client SDK does and delivers onMessageAdded; answers the webhook's status.
     * With a pre-event URL, onMessageAdd goes there first, as on Twilio: an answer other than 200 rejects the
     * message (its status is answered and nothing is posted), and a 200 with a JSON {@code body} posts that body
     * instead of the one typed.
     */
    public int postAsClient(String conversationSid, String author, String body) {
        String posting = body;
        if (preEventTarget != null) {
            Map<String, String> event = common("onMessageAdd", conversationSid, author);
            event.put("Author", author);
            event.put("Body", body);
            HttpResponse<String> answer = preEvent(event);
            if (answer.statusCode() != 200) {
                return answer.statusCode();
            }
            posting = modifiedBody(answer.body()).orElse(body);
        }
        Reply posted = api.handle(new Request("POST", "/v1/Conversations/" + conversationSid + "/Messages",
                Map.of("Author", List.of(author), "Body", List.of(posting))));
        return deliver(messageAdded(posted.body(), author));
    }

    /**
     * Moves the identity's read horizon as its client SDK does and delivers onParticipantUpdated; answers the
     * webhook's status.
     */
    public int readAsClient(String conversationSid, String identity, int lastReadMessageIndex) {
        Reply updated = api.handle(new Request("POST", "/v1/Conversations/" + conversationSid + "/Participants/"
                + identity, Map.of("LastReadMessageIndex", List.of(Integer.toString(lastReadMessageIndex)))));
        return deliver(participantUpdated(updated.body(), identity));
    }

    /** Delivers onMessageAdded for a stored message, as Twilio does for a post that enabled webhooks. */
    public int deliverMessageAdded(String conversationSid, String messageSid) {
        Reply message = api.handle(new Request("GET", "/v1/Conversations/" + conversationSid + "/Messages/"
                + messageSid, Map.of()));
        return deliver(messageAdded(message.body(), null));
    }

    /** Delivers the last webhook again, unchanged, as Twilio may when it saw no answer in time. */
    public int redeliverLast() {
        Map<String, String> event = lastEvent;
        if (event == null) {
            throw new IllegalStateException("no webhook delivered yet");
        }
        return deliver(event);
    }

    /** Waits until every webhook that REST calls fired has been answered; rethrows the first failed delivery. */
    public void awaitDeliveries() {
        for (CompletableFuture<Integer> delivery : List.copyOf(pending)) {
            delivery.join();
        }
    }

    /** The {@code X-Twilio-Signature} Twilio sends when posting these form parameters to this URL. */
    public String signature(String url, Map<String, String> parameters) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> signed.append(name).append(value));
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(authToken.getBytes(UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(signed.toString().getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA1", e);
        }
    }

    /** Called with every answered REST request. */
    void afterRest(Request request, Headers headers, Reply reply) {
        if (target == null || reply.status() >= 300 || !"POST".equals(request.method())
                || !"true".equalsIgnoreCase(headers.getFirst("X-Twilio-Webhook-Enabled"))) {
            return;
        }
        if (MESSAGES.matcher(request.path()).matches()) {
            deliverLater(messageAdded(reply.body(), null));
        } else if (PARTICIPANT.matcher(request.path()).matches()) {
            deliverLater(participantUpdated(reply.body(), null));
        }
    }

    private Map<String, String> messageAdded(JsonNode message, String clientIdentity) {
        Map<String, String> event = common("onMessageAdded", message.get("conversation_sid").asText(), clientIdentity);
        put(event, "MessageSid", message.get("sid"));
        put(event, "Index", message.get("index"));
        put(event, "Author", message.get("author"));
        put(event, "Body", message.get("body"));
        put(event, "Attributes", message.get("attributes"));
        put(event, "ParticipantSid", message.get("participant_sid"));
        put(event, "DateCreated", message.get("date_created"));
        return event;
    }

    private Map<String, String> participantUpdated(JsonNode participant, String clientIdentity) {
        Map<String, String> event = common("onParticipantUpdated", participant.get("conversation_sid").asText(),
                clientIdentity);
        put(event, "ParticipantSid", participant.get("sid"));
        put(event, "Identity", participant.get("identity"));
        put(event, "Attributes", participant.get("attributes"));
        put(event, "RoleSid", participant.get("role_sid"));
        put(event, "DateCreated", participant.get("date_created"));
        put(event, "DateUpdated", participant.get("date_updated"));
        put(event, "LastReadMessageIndex", participant.get("last_read_message_index"));
        put(event, "LastReadTimestamp", participant.get("last_read_timestamp"));
        return event;
    }

    /** The parameters every Conversations event carries; Source tells a client SDK's action from a REST call. */
    private Map<String, String> common(String eventType, String conversationSid, String clientIdentity) {
        JsonNode conversation = api.handle(new Request("GET", "/v1/Conversations/" + conversationSid, Map.of())).body();
        Map<String, String> event = new LinkedHashMap<>();
        event.put("EventType", eventType);
        event.put("AccountSid", accountSid);
        put(event, "ChatServiceSid", conversation.get("chat_service_sid"));
        put(event, "MessagingServiceSid", conversation.get("messaging_service_sid"));
        event.put("ConversationSid", conversationSid);
        event.put("Source", clientIdentity == null ? "API" : "SDK");
        if (clientIdentity != null) {
            event.put("ClientIdentity", clientIdentity);
        }
        event.put("RetryCount", "0");
        event.put("WebhookType", "webhook");
        return event;
    }

    private void deliverLater(Map<String, String> event) {
        CompletableFuture<Integer> delivery = post(event);
        pending.add(delivery);
        delivery.whenComplete((status, failure) -> pending.remove(delivery));
    }

    private int deliver(Map<String, String> event) {
        try {
            return post(event).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? new UncheckedIOException(io) : e;
        }
    }

    private CompletableFuture<Integer> post(Map<String, String> event) {
        URI url = target;
        if (url == null) {
            throw new IllegalStateException("no webhook URL: call deliverTo first");
        }
        lastEvent = event;
        return http.sendAsync(request(url, event), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    private HttpResponse<String> preEvent(Map<String, String> event) {
        try {
            return http.send(request(preEventTarget, event), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pre-event webhook", e);
        }
    }

    /** The body a pre-event answer asks Twilio to post instead; an empty answer changes nothing. */
    private Optional<String> modifiedBody(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(answer).get("body");
            return body == null || body.isNull() ? Optional.empty() : Optional.of(body.asText());
        } catch (IOException e) {
            throw new UncheckedIOException("the pre-event webhook answered 200 with a body that is not JSON", e);
        }
    }

    private HttpRequest request(URI url, Map<String, String> event) {
        String body = event.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), UTF_8) + "=" + URLEncoder.encode(p.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(url)
                .timeout(TWILIO_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("User-Agent", "TwilioProxy/1.1")
                .header("X-Twilio-Signature", signature(url.toString(), event))
                .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
                .build();
    }

    private static void put(Map<String, String> event, String name, JsonNode value) {
        if (value != null && !value.isNull()) {
            event.put(name, value.asText());
        }
    }
}
