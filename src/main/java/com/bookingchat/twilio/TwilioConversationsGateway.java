package com.bookingchat.twilio;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

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

/** Twilio Conversations behind the service's port: error translation and paging tokens live here. */
@ApplicationScoped
class TwilioConversationsGateway implements ConversationsGateway {

    /** Twilio: a conversation with this unique name exists. */
    static final int UNIQUE_NAME_TAKEN = 50353;
    /** Twilio: the identity is already a participant of the conversation. */
    static final int ALREADY_PARTICIPANT = 50433;
    private static final String MESSAGES_URL = "https://conversations.twilio.com/v1/Conversations/%s/Messages?%s";
    private static final Set<String> PAGING_PARAMETERS = Set.of("Order", "PageSize", "Page", "PageToken");

    private final TwilioRestClient client;
    private final TwilioConfig config;

    TwilioConversationsGateway(TwilioRestClient client, TwilioConfig config) {
        this.client = client;
        this.config = config;
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

    @Override
    public PostedMessage postMessage(String conversationSid, String author, String body, String attributesJson) {
        return posted(call("post a message", () -> Message.creator(conversationSid)
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
        Page<Message> page = call("read messages", () -> pageToken == null
                ? reader.firstPage(client)
                : reader.getPage(String.format(MESSAGES_URL, conversationSid, decodePageToken(pageToken)), client));
        String next = page.hasNextPage() ? encodePageToken(page.getNextPageUrl("conversations")) : null;
        return new MessagePage(page.getRecords().stream().map(TwilioConversationsGateway::posted).toList(), next);
    }

    @Override
    public void moveReadHorizon(String conversationSid, String participant, int lastReadMessageIndex) {
        call("update a read horizon", () -> Participant.updater(conversationSid, participant)
                .setLastReadMessageIndex(lastReadMessageIndex)
                .update(client));
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
            throw ServiceException.invalid("pageToken is not a token this service issued");
        }
        return parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private <T> T reuseOn(int twilioCode, String action, Supplier<T> attempt, Supplier<T> existing) {
        try {
            return attempt.get();
        } catch (ApiException e) {
            if (Objects.equals(e.getCode(), twilioCode)) {
                return call(action, existing);
            }
            throw translate(action, e);
        } catch (TwilioException e) {
            throw translate(action, e);
        }
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (TwilioException e) {
            throw translate(action, e);
        }
    }

    /** 429, 5xx and no answer at all are worth retrying later; anything else Twilio refused for good. */
    private ServiceException translate(String action, TwilioException e) {
        Integer status = e instanceof ApiException api ? api.getStatusCode() : null;
        if (status == null || status == 429 || status >= 500) {
            String why = status == null ? "no answer (" + e.getMessage() + ")" : "HTTP " + status;
            return new ServiceException(ErrorCode.TWILIO_UNAVAILABLE, "Twilio could not " + action + ": " + why,
                    config.retryAfter(), e);
        }
        Integer code = ((ApiException) e).getCode();
        return new ServiceException(ErrorCode.TWILIO_ERROR,
                "Twilio refused to " + action + ": error " + code + " (HTTP " + status + ")", null, e);
    }
}
