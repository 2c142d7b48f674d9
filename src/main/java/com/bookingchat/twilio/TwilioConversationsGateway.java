package com.bookingchat.twilio;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.deployment.RequiredSetting;
import com.bookingchat.invocation.LambdaDeadline;
import com.bookingchat.notifications.PushConfigurationGateway;
import com.bookingchat.notifications.PushSettings;
import com.bookingchat.observability.Metrics;
import com.bookingchat.service.ConversationsGateway;
import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;
import com.twilio.base.Page;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.MessageReader;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.service.configuration.Notification;

/**
 * Twilio Conversations behind the service's ports (the conversations, and the push configuration of their service):
 * retries, error translation and paging tokens live here.
 */
@ApplicationScoped
class TwilioConversationsGateway implements ConversationsGateway, PushConfigurationGateway {

    /** Twilio: a conversation with this unique name exists. */
    static final int UNIQUE_NAME_TAKEN = 50353;
    /** Twilio: the identity is already a participant of the conversation. */
    static final int ALREADY_PARTICIPANT = 50433;
    /** Twilio: the conversation is in its final closed state and takes no changes. */
    static final int CONVERSATION_CLOSED = 50377;
    private static final String MESSAGES_URL = "https://conversations.twilio.com/v1/Conversations/%s/Messages?%s";
    private static final Set<String> PAGING_PARAMETERS = Set.of("Order", "PageSize", "Page", "PageToken");

    private final TwilioRestClient client;
    private final TwilioConfig config;
    private final TwilioConfig.Retry retry;
    private final LambdaDeadline lambdaDeadline;
    private final Metrics metrics;
    private final AccessTokenConfig service;

    TwilioConversationsGateway(TwilioRestClient client, TwilioConfig config, LambdaDeadline lambdaDeadline, Metrics metrics,
            AccessTokenConfig service) {
        this.client = client;
        this.config = config;
        this.retry = config.retry();
        this.lambdaDeadline = lambdaDeadline;
        this.metrics = metrics;
        this.service = service;
    }

    /** The push configuration of the Conversations service the apps' tokens open. */
    @Override
    public PushSettings current() {
        Notification notification = call("read the push configuration",
                () -> Notification.fetcher(serviceSid()).fetch(client));
        Map<?, ?> newMessage = section(notification.getNewMessage());
        Map<?, ?> added = section(notification.getAddedToConversation());
        return new PushSettings(Boolean.TRUE.equals(newMessage.get("enabled")), (String) newMessage.get("template"),
                Boolean.TRUE.equals(newMessage.get("badge_count_enabled")), Boolean.TRUE.equals(added.get("enabled")),
                (String) added.get("template"));
    }

    /** Setting the same values twice leaves the same configuration, so failures may be retried. */
    @Override
    public void apply(PushSettings settings) {
        call("update the push configuration", () -> Notification.updater(serviceSid())
                .setNewMessageEnabled(settings.newMessage())
                .setNewMessageTemplate(settings.newMessageTemplate())
                .setNewMessageBadgeCountEnabled(settings.badgeCount())
                .setAddedToConversationEnabled(settings.addedToConversation())
                .setAddedToConversationTemplate(settings.addedToConversationTemplate())
                .update(client));
    }

    private String serviceSid() {
        return RequiredSetting.of(service.conversationsServiceSid(), "twilio.access-token.conversations-service-sid");
    }

    /** twilio-java leaves a section as the JSON object Twilio sent (a map), or null. */
    private static Map<?, ?> section(Object json) {
        return json instanceof Map<?, ?> map ? map : Map.of();
    }

    @Override
    public String createOrGetConversation(String uniqueName, String friendlyName, String attributesJson) {
        return reuseOn(UNIQUE_NAME_TAKEN, "create a conversation",
                () -> Conversation.creator()
                        .setUniqueName(uniqueName)
                        .setFriendlyName(friendlyName)
                        .setAttributes(attributesJson)
                        .create(client).getSid(),
                () -> Conversation.fetcher(uniqueName).fetch(client).getSid());
    }

    @Override
    public String addParticipant(String conversationSid, String identity, String attributesJson) {
        return reuseOn(ALREADY_PARTICIPANT, "add a participant",
                () -> Participant.creator(conversationSid)
                        .setIdentity(identity)
                        .setAttributes(attributesJson)
                        .create(client).getSid(),
                () -> Participant.fetcher(conversationSid, identity).fetch(client).getSid());
    }

    /** Only rate limits are retried: after a 5xx or a timeout Twilio may hold the message, and a repeat would double it. */
    @Override
    public PostedMessage postMessage(String conversationSid, String author, String body, String attributesJson) {
        return posted(call("post a message", false, () -> Message.creator(conversationSid)
                .setAuthor(author)
                .setBody(body)
                .setAttributes(attributesJson)
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.FALSE)
                .create(client)));
    }

    @Override
    public MessagePage listMessages(String conversationSid, int pageSize, boolean ascending, String pageToken) {
        MessageReader reader = Message.reader(conversationSid)
                .setOrder(ascending ? Message.OrderType.ASC : Message.OrderType.DESC)
                .setPageSize((long) pageSize);
        Page<Message> page = pageToken == null
                ? call("read messages", () -> reader.firstPage(client))
                : laterPage(reader, conversationSid, pageToken);
        String next = page.hasNextPage() ? encodePageToken(page.getNextPageUrl("conversations")) : null;
        return new MessagePage(page.getRecords().stream().map(TwilioConversationsGateway::posted).toList(), next);
    }

    @Override
    public void moveReadHorizon(String conversationSid, String participant, int lastReadMessageIndex) {
        call("update a read horizon", () -> Participant.updater(conversationSid, participant)
                .setLastReadMessageIndex(lastReadMessageIndex)
                .update(client));
    }

    @Override
    public void closeConversation(String conversationSid) {
        try {
            call("close a conversation", () -> Conversation.updater(conversationSid)
                    .setState(Conversation.State.CLOSED)
                    .update(client));
        } catch (ServiceException e) {
            if (e.code() != ErrorCode.CONVERSATION_CLOSED) {
                throw e;
            }
        }
    }

    @Override
    public void removeParticipant(String conversationSid, String participantSidOrIdentity) {
        call("remove a participant", () -> {
            try {
                return Participant.deleter(conversationSid, participantSidOrIdentity)
                        .setXTwilioWebhookEnabled(Participant.WebhookEnabledType.FALSE)
                        .delete(client);
            } catch (ApiException e) {
                if (Objects.equals(e.getStatusCode(), 404)) {
                    return true;
                }
                throw e;
            }
        });
    }

    /** Setting the same content again is harmless, so 5xx and timeouts are retried like reads. */
    @Override
    public void replaceMessage(String conversationSid, String messageSid, String author, String body,
            String attributesJson) {
        call("replace a message", () -> Message.updater(conversationSid, messageSid)
                .setAuthor(author)
                .setBody(body)
                .setAttributes(attributesJson)
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.FALSE)
                .update(client));
    }

    /** The page a client's token names; Twilio refusing the paging parameters in it means the token is forged. */
    private Page<Message> laterPage(MessageReader reader, String conversationSid, String pageToken) {
        String url = String.format(MESSAGES_URL, conversationSid, decodePageToken(pageToken));
        try {
            return call("read messages", () -> reader.getPage(url, client));
        } catch (ServiceException e) {
            if (e.getCause() instanceof ApiException api && Objects.equals(api.getStatusCode(), 400)) {
                throw pageTokenNotIssued();
            }
            throw e;
        }
    }

    private static PostedMessage posted(Message message) {
        return new PostedMessage(message.getSid(), message.getIndex(), message.getAuthor(), message.getBody(),
                message.getAttributes(), message.getDateCreated().toInstant());
    }

    /** The token is Twilio's paging query, so clients cannot steer our credentials to another URL or conversation. */
    private static String encodePageToken(String nextPageUrl) {
        String query = URI.create(nextPageUrl).getRawQuery();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(query.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodePageToken(String token) {
        Map<String, String> parameters = new LinkedHashMap<>();
        try {
            String query = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                if (PAGING_PARAMETERS.contains(name)) {
                    parameters.put(name, URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            parameters.clear();
        }
        if (!parameters.containsKey("PageToken")) {
            throw pageTokenNotIssued();
        }
        return parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static ServiceException pageTokenNotIssued() {
        return ServiceException.invalid("pageToken is not a token this service issued");
    }

    /** Twilio answering {@code twilioCode} means the thing already exists: fetch it instead. */
    private <T> T reuseOn(int twilioCode, String action, Supplier<T> attempt, Supplier<T> existing) {
        return call(action, true, () -> {
            try {
                return attempt.get();
            } catch (ApiException e) {
                if (Objects.equals(e.getCode(), twilioCode)) {
                    return existing.get();
                }
                throw e;
            }
        });
    }

    private <T> T call(String action, Supplier<T> request) {
        return call(action, true, request);
    }

    /**
     * Runs the request, retrying 429s (Twilio did nothing) and, where repeating is harmless, 5xx and
     * timeouts, with exponential backoff and full jitter, honouring Twilio's Retry-After, for as long as the
     * Lambda invocation leaves time for another attempt and the work after it; the attempt count is only a guard.
     */
    private <T> T call(String action, boolean serverErrorsAreRetriable, Supplier<T> request) {
        Instant deadline = deadline();
        long started = System.nanoTime();
        String outcome = TwilioOutcome.UNAVAILABLE;
        int attempt = 1;
        try {
            for (;; attempt++) {
                try {
                    T answer = request.get();
                    outcome = TwilioOutcome.OK;
                    return answer;
                } catch (TwilioException e) {
                    Integer status = e instanceof ApiException api ? api.getStatusCode() : null;
                    boolean unavailable = status == null || status == 429 || status >= 500;
                    if (!unavailable) {
                        outcome = TwilioOutcome.REJECTED;
                        throw refused(action, (ApiException) e);
                    }
                    Optional<Duration> hint = SingleAttemptHttpClient.lastRetryAfter();
                    Duration wait = hint.isPresent() ? hint.get() : backoff(attempt);
                    boolean retriable = Objects.equals(status, 429) || serverErrorsAreRetriable;
                    if (!retriable || attempt >= retry.maxAttempts() || wait.compareTo(retry.maxDelay()) > 0
                            || Instant.now().plus(wait).plus(config.readTimeout()).isAfter(deadline)) {
                        throw unavailable(action, status, e, hint);
                    }
                    sleep(wait);
                }
            }
        } finally {
            TwilioOutcome.record(metrics, action, outcome, started, attempt - 1);
        }
    }

    /** The invocation's own time is the budget; a fixed one stands in only where no invocation gives a deadline. */
    private Instant deadline() {
        Duration budget = lambdaDeadline.remaining().map(remaining -> remaining.minus(retry.safetyMargin()))
                .orElse(retry.budget());
        return Instant.now().plus(budget);
    }

    private Duration backoff(int attempt) {
        long ceiling = Math.min(retry.maxDelay().toMillis(), retry.baseDelay().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry Twilio", e);
        }
    }

    private ServiceException unavailable(String action, Integer status, TwilioException e, Optional<Duration> hint) {
        String why = status == null ? "no answer (" + e.getMessage() + ")" : "HTTP " + status;
        Duration retryAfter = hint.filter(h -> h.compareTo(config.retryAfter()) > 0).orElse(config.retryAfter());
        return new ServiceException(ErrorCode.TWILIO_UNAVAILABLE, "Twilio could not " + action + ": " + why,
                retryAfter, e);
    }

    private static ServiceException refused(String action, ApiException e) {
        if (Objects.equals(e.getCode(), CONVERSATION_CLOSED)) {
            return new ServiceException(ErrorCode.CONVERSATION_CLOSED, "The conversation is closed", null, e);
        }
        return new ServiceException(ErrorCode.TWILIO_ERROR, "Twilio refused to " + action + ": error " + e.getCode()
                + " (HTTP " + e.getStatusCode() + ")", null, e);
    }
}
