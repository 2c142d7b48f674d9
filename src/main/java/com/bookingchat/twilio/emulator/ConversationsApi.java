package com.bookingchat.twilio.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * State and JSON rendering of the default Conversations service. Every entry point is synchronized:
 * the state is tiny and a single lock keeps message indexes and uniqueness checks race-free.
 */
final class ConversationsApi {

    static final String ORIGIN = "https://conversations.twilio.com";
    private static final Set<String> STATES = Set.of("initializing", "inactive", "active", "closed");

    /** A parsed request; query and form parameters are merged, as Twilio reads both. */
    record Request(String method, String path, Map<String, List<String>> params) {
        String param(String name) {
            List<String> values = params.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    record Reply(int status, JsonNode body, Map<String, String> headers) {
        Reply(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    private static final class Conversation {
        final Map<String, Participant> participants = new LinkedHashMap<>();
        final List<Message> messages = new ArrayList<>();
        final String sid = sid("CH");
        String friendlyName;
        String uniqueName;
        String attributes;
        String messagingServiceSid;
        String state;
        Instant dateCreated;
        Instant dateUpdated;
        /** Participants page in the order they joined, which a removal must not reuse. */
        int joined;
    }

    private static final class Participant {
        final String sid = sid("MB");
        int ordinal;
        String identity;
        String attributes;
        String roleSid;
        Instant dateCreated;
        Instant dateUpdated;
        Integer lastReadMessageIndex;
        String lastReadTimestamp;
    }

    private record Message(String sid, int index, String author, String body, String attributes,
                           String participantSid, Instant dateCreated, Instant dateUpdated) {
    }

    private final ObjectMapper json;
    private final String accountSid;
    // Real Twilio fills these from the account's defaults, so the emulator pins one of each per instance.
    private final String chatServiceSid = sid("IS");
    private final String defaultMessagingServiceSid = sid("MG");
    private final String defaultRoleSid = sid("RL");
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    /** Each service's push configuration, by service SID, as Twilio renders it; absent means Twilio's defaults. */
    private final Map<String, ObjectNode> notificationConfigs = new LinkedHashMap<>();

    ConversationsApi(ObjectMapper json, String accountSid) {
        this.json = json;
        this.accountSid = accountSid;
    }

    synchronized Reply handle(Request request) {
        String[] segments = request.path().split("/", -1);
        String[] shape = segments.clone();
        for (int i = 3; i < shape.length; i += 2) {
            if (!shape[i].isEmpty()) {
                shape[i] = "*";
            }
        }
        String route = request.method() + " " + String.join("/", shape);
        return switch (route) {
            case "POST /v1/Conversations" -> createConversation(request);
            case "GET /v1/Conversations/*" -> new Reply(200, render(conversation(segments[3], request)));
            case "POST /v1/Conversations/*" -> updateConversation(conversation(segments[3], request), request);
            case "POST /v1/Conversations/*/Participants" ->
                    createParticipant(conversation(segments[3], request), request);
            case "GET /v1/Conversations/*/Participants" ->
                    listParticipants(conversation(segments[3], request), request);
            case "GET /v1/Conversations/*/Participants/*" -> {
                Conversation c = conversation(segments[3], request);
                yield new Reply(200, render(c, participant(c, segments[5], request)));
            }
            case "POST /v1/Conversations/*/Participants/*" -> {
                Conversation c = conversation(segments[3], request);
                yield updateParticipant(c, participant(c, segments[5], request), request);
            }
            case "DELETE /v1/Conversations/*/Participants/*" -> {
                Conversation c = conversation(segments[3], request);
                c.participants.remove(participant(c, segments[5], request).sid);
                yield new Reply(204, null);
            }
            case "POST /v1/Conversations/*/Messages/*" -> {
                Conversation c = conversation(segments[3], request);
                yield updateMessage(c, message(c, segments[5], request), request);
            }
            case "POST /v1/Conversations/*/Messages" -> createMessage(conversation(segments[3], request), request);
            case "GET /v1/Conversations/*/Messages" -> listMessages(conversation(segments[3], request), request);
            case "GET /v1/Conversations/*/Messages/*" -> {
                Conversation c = conversation(segments[3], request);
                yield new Reply(200, render(c, message(c, segments[5], request)));
            }
            case "GET /v1/Services/*/Configuration/*" ->
                    new Reply(200, notifications(service(segments[3], request), segments[5], request));
            case "POST /v1/Services/*/Configuration/*" ->
                    updateNotifications(service(segments[3], request), segments[5], request);
            default -> throw TwilioError.notFound(request.path());
        };
    }

    synchronized void clear() {
        conversations.clear();
        notificationConfigs.clear();
    }

    synchronized int conversationCount() {
        return conversations.size();
    }

    synchronized String state(String conversationSidOrUniqueName) {
        return known(conversationSidOrUniqueName).state;
    }

    synchronized int messageCount(String conversationSidOrUniqueName) {
        return known(conversationSidOrUniqueName).messages.size();
    }

    synchronized List<String> participantIdentities(String conversationSidOrUniqueName) {
        return known(conversationSidOrUniqueName).participants.values().stream()
                .map(p -> p.identity).filter(Objects::nonNull).toList();
    }

    /** Every message's author, body and attributes, in index order, for tests that look for what must be gone. */
    synchronized List<Map<String, String>> messages(String conversationSidOrUniqueName) {
        return known(conversationSidOrUniqueName).messages.stream().map(m -> {
            Map<String, String> message = new LinkedHashMap<>();
            message.put("author", m.author());
            message.put("body", m.body());
            message.put("attributes", m.attributes());
            return message;
        }).toList();
    }

    /** Every participant's identity and attributes, for the same tests. */
    synchronized List<Map<String, String>> participants(String conversationSidOrUniqueName) {
        return known(conversationSidOrUniqueName).participants.values().stream().map(p -> {
            Map<String, String> participant = new LinkedHashMap<>();
            participant.put("identity", p.identity);
            participant.put("attributes", p.attributes);
            return participant;
        }).toList();
    }

    synchronized OptionalInt lastReadMessageIndex(String conversationSidOrUniqueName, String identity) {
        Participant p = known(conversationSidOrUniqueName).participants.values().stream()
                .filter(x -> identity.equals(x.identity)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No participant " + identity));
        return p.lastReadMessageIndex == null ? OptionalInt.empty() : OptionalInt.of(p.lastReadMessageIndex);
    }

    /** Any well-formed service SID names a service, as the account's default one is named by configuration. */
    private static String service(String sid, Request request) {
        if (!sid.matches("IS[0-9a-fA-F]{32}")) {
            throw TwilioError.notFound(request.path());
        }
        return sid;
    }

    /** Twilio's push configuration of a service; a new service has every notification off. */
    private ObjectNode notifications(String serviceSid, String resource, Request request) {
        if (!resource.equals("Notifications")) {
            throw TwilioError.notFound(request.path());
        }
        return notificationConfigs.computeIfAbsent(serviceSid, sid -> {
            ObjectNode node = json.createObjectNode();
            node.put("account_sid", accountSid);
            node.put("chat_service_sid", sid);
            node.put("log_enabled", false);
            node.putObject("new_message").put("enabled", false).put("badge_count_enabled", false);
            node.putObject("added_to_conversation").put("enabled", false);
            node.putObject("removed_from_conversation").put("enabled", false);
            node.put("url", ORIGIN + "/v1/Services/" + sid + "/Configuration/Notifications");
            return node;
        });
    }

    /** Sets what the request names and keeps the rest, as Twilio's update does. */
    private Reply updateNotifications(String serviceSid, String resource, Request request) {
        ObjectNode node = notifications(serviceSid, resource, request);
        ifPresent(request, "LogEnabled", value -> node.put("log_enabled", bool("LogEnabled", value)));
        for (String section : List.of("NewMessage", "AddedToConversation", "RemovedFromConversation")) {
            ObjectNode target = (ObjectNode) node.get(snakeCase(section));
            ifPresent(request, section + ".Enabled", value -> target.put("enabled", bool(section + ".Enabled", value)));
            ifPresent(request, section + ".Template", value -> target.put("template", value));
            ifPresent(request, section + ".Sound", value -> target.put("sound", value));
        }
        ObjectNode newMessage = (ObjectNode) node.get("new_message");
        ifPresent(request, "NewMessage.BadgeCountEnabled",
                value -> newMessage.put("badge_count_enabled", bool("NewMessage.BadgeCountEnabled", value)));
        ifPresent(request, "NewMessage.WithMedia.Enabled", value -> newMessage.withObject("/with_media")
                .put("enabled", bool("NewMessage.WithMedia.Enabled", value)));
        ifPresent(request, "NewMessage.WithMedia.Template",
                value -> newMessage.withObject("/with_media").put("template", value));
        return new Reply(200, node);
    }

    private static boolean bool(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw TwilioError.invalidParameter(name + " must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static String snakeCase(String pascal) {
        return pascal.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private Reply createConversation(Request request) {
        String uniqueName = request.param("UniqueName");
        if (uniqueName != null && find(uniqueName) != null) {
            throw new TwilioError(409, 50353, "Conversation with provided unique name already exists");
        }
        String state = request.param("State") == null ? "active" : request.param("State");
        if (!STATES.contains(state)) {
            throw TwilioError.invalidParameter("State must be one of " + STATES);
        }
        if (state.equals("closed")) {
            throw new TwilioError(400, 50384, "Initial state can't be 'closed'");
        }
        Conversation c = new Conversation();
        c.friendlyName = request.param("FriendlyName");
        c.uniqueName = uniqueName;
        c.attributes = attributes(request, "{}");
        c.messagingServiceSid =
                Objects.requireNonNullElse(request.param("MessagingServiceSid"), defaultMessagingServiceSid);
        c.state = state;
        c.dateCreated = date(request, "DateCreated", now());
        c.dateUpdated = date(request, "DateUpdated", c.dateCreated);
        conversations.put(c.sid, c);
        return new Reply(201, render(c));
    }

    /** Twilio's closed state is final: a closed conversation takes no update, participant or message. */
    private Reply updateConversation(Conversation c, Request request) {
        rejectClosed(c);
        String state = request.param("State");
        if (state != null && !STATES.contains(state)) {
            throw TwilioError.invalidParameter("State must be one of " + STATES);
        }
        String uniqueName = request.param("UniqueName");
        if (uniqueName != null && !uniqueName.equals(c.uniqueName) && find(uniqueName) != null) {
            throw new TwilioError(409, 50353, "Conversation with provided unique name already exists");
        }
        ifPresent(request, "FriendlyName", name -> c.friendlyName = name);
        ifPresent(request, "UniqueName", name -> c.uniqueName = name);
        ifPresent(request, "MessagingServiceSid", sid -> c.messagingServiceSid = sid);
        ifPresent(request, "State", value -> c.state = value);
        c.attributes = attributes(request, c.attributes);
        c.dateUpdated = date(request, "DateUpdated", now());
        return new Reply(200, render(c));
    }

    private Reply createParticipant(Conversation c, Request request) {
        rejectClosed(c);
        String identity = request.param("Identity");
        if (identity == null) {
            // The emulator only models chat participants, which Twilio identifies by Identity.
            throw TwilioError.invalidParameter("Identity is required");
        }
        rejectTakenIdentity(c, identity);
        Participant p = new Participant();
        p.ordinal = c.joined++;
        p.identity = identity;
        p.attributes = attributes(request, "{}");
        p.roleSid = Objects.requireNonNullElse(request.param("RoleSid"), defaultRoleSid);
        p.dateCreated = date(request, "DateCreated", now());
        p.dateUpdated = date(request, "DateUpdated", p.dateCreated);
        c.participants.put(p.sid, p);
        return new Reply(201, render(c, p));
    }

    private Reply updateParticipant(Conversation c, Participant p, Request request) {
        ifPresent(request, "Identity", identity -> {
            if (!identity.equals(p.identity)) {
                rejectTakenIdentity(c, identity);
                p.identity = identity;
            }
        });
        p.attributes = attributes(request, p.attributes);
        ifPresent(request, "RoleSid", roleSid -> p.roleSid = roleSid);
        // An empty LastReadMessageIndex clears it, as Twilio's nullable integer allows.
        ifPresent(request, "LastReadMessageIndex", index ->
                p.lastReadMessageIndex = index.isEmpty() || index.equals("null") ? null : parseIndex(index));
        ifPresent(request, "LastReadTimestamp", timestamp -> p.lastReadTimestamp = timestamp);
        p.dateUpdated = date(request, "DateUpdated", now());
        return new Reply(200, render(c, p));
    }

    private Reply createMessage(Conversation c, Request request) {
        rejectClosed(c);
        String author = Objects.requireNonNullElse(request.param("Author"), "system");
        String participantSid = c.participants.values().stream()
                .filter(p -> author.equals(p.identity)).map(p -> p.sid).findFirst().orElse(null);
        Instant created = date(request, "DateCreated", now());
        Message m = new Message(sid("IM"), c.messages.size(), author, request.param("Body"), attributes(request, "{}"),
                participantSid, created, date(request, "DateUpdated", created));
        c.messages.add(m);
        c.dateUpdated = now();
        return new Reply(201, render(c, m));
    }

    /** Twilio keeps a message's index and creation time when its author, body or attributes change. */
    private Reply updateMessage(Conversation c, Message m, Request request) {
        String author = Objects.requireNonNullElse(request.param("Author"), m.author());
        String participantSid = c.participants.values().stream()
                .filter(p -> author.equals(p.identity)).map(p -> p.sid).findFirst().orElse(null);
        Message updated = new Message(m.sid(), m.index(), author, Objects.requireNonNullElse(request.param("Body"), m.body()),
                attributes(request, m.attributes()), participantSid, date(request, "DateCreated", m.dateCreated()),
                date(request, "DateUpdated", now()));
        c.messages.set(m.index(), updated);
        return new Reply(200, render(c, updated));
    }

    private Reply listParticipants(Conversation c, Request request) {
        return new Reply(200, ListPage.render(json, request, "participants", collectionPath(c, "Participants"),
                List.copyOf(c.participants.values()), p -> p.ordinal, p -> render(c, p)));
    }

    private Reply listMessages(Conversation c, Request request) {
        return new Reply(200, ListPage.render(json, request, "messages", collectionPath(c, "Messages"),
                c.messages, Message::index, m -> render(c, m)));
    }

    private ObjectNode render(Conversation c) {
        String url = ORIGIN + "/v1/Conversations/" + c.sid;
        ObjectNode node = json.createObjectNode();
        node.put("account_sid", accountSid);
        node.put("chat_service_sid", chatServiceSid);
        node.put("messaging_service_sid", c.messagingServiceSid);
        node.put("sid", c.sid);
        node.put("friendly_name", c.friendlyName);
        node.put("unique_name", c.uniqueName);
        node.put("attributes", c.attributes);
        node.put("state", c.state);
        node.put("date_created", format(c.dateCreated));
        node.put("date_updated", format(c.dateUpdated));
        node.putObject("timers");
        node.put("url", url);
        ObjectNode links = node.putObject("links");
        for (String link : List.of("Participants", "Messages", "Webhooks", "Export")) {
            links.put(link.toLowerCase(Locale.ROOT), url + "/" + link);
        }
        node.putObject("bindings");
        return node;
    }

    private ObjectNode render(Conversation c, Participant p) {
        ObjectNode node = json.createObjectNode();
        node.put("account_sid", accountSid);
        node.put("conversation_sid", c.sid);
        node.put("sid", p.sid);
        node.put("identity", p.identity);
        node.put("attributes", p.attributes);
        node.putNull("messaging_binding");
        node.put("role_sid", p.roleSid);
        node.put("date_created", format(p.dateCreated));
        node.put("date_updated", format(p.dateUpdated));
        node.put("url", ORIGIN + collectionPath(c, "Participants") + "/" + p.sid);
        node.put("last_read_message_index", p.lastReadMessageIndex);
        node.put("last_read_timestamp", p.lastReadTimestamp);
        return node;
    }

    private ObjectNode render(Conversation c, Message m) {
        String url = ORIGIN + collectionPath(c, "Messages") + "/" + m.sid();
        ObjectNode node = json.createObjectNode();
        node.put("account_sid", accountSid);
        node.put("conversation_sid", c.sid);
        node.put("sid", m.sid());
        node.put("index", m.index());
        node.put("author", m.author());
        node.put("body", m.body());
        node.putNull("media");
        node.put("attributes", m.attributes());
        node.put("participant_sid", m.participantSid());
        node.put("date_created", format(m.dateCreated()));
        node.put("date_updated", format(m.dateUpdated()));
        node.put("url", url);
        // Delivery receipts only exist for SMS/WhatsApp participants, which the emulator does not model.
        node.putNull("delivery");
        ObjectNode links = node.putObject("links");
        links.put("delivery_receipts", url + "/Receipts");
        links.put("channel_metadata", url + "/ChannelMetadata");
        node.putNull("content_sid");
        return node;
    }

    private Conversation find(String sidOrUniqueName) {
        Conversation bySid = conversations.get(sidOrUniqueName);
        return bySid != null ? bySid : conversations.values().stream()
                .filter(c -> sidOrUniqueName.equals(c.uniqueName)).findFirst().orElse(null);
    }

    private Conversation conversation(String sidOrUniqueName, Request request) {
        Conversation c = find(sidOrUniqueName);
        if (c == null) {
            throw TwilioError.notFound(request.path());
        }
        return c;
    }

    private Conversation known(String sidOrUniqueName) {
        Conversation c = find(sidOrUniqueName);
        if (c == null) {
            throw new NoSuchElementException("No conversation " + sidOrUniqueName);
        }
        return c;
    }

    private static Participant participant(Conversation c, String sidOrIdentity, Request request) {
        Participant bySid = c.participants.get(sidOrIdentity);
        return bySid != null ? bySid : c.participants.values().stream()
                .filter(p -> sidOrIdentity.equals(p.identity)).findFirst()
                .orElseThrow(() -> TwilioError.notFound(request.path()));
    }

    private static void rejectClosed(Conversation c) {
        if (c.state.equals("closed")) {
            throw new TwilioError(400, 50377, "Can't update conversation as it's in final closed state");
        }
    }

    private static Message message(Conversation c, String sid, Request request) {
        return c.messages.stream().filter(x -> x.sid().equals(sid)).findFirst()
                .orElseThrow(() -> TwilioError.notFound(request.path()));
    }

    private static void rejectTakenIdentity(Conversation c, String identity) {
        if (c.participants.values().stream().anyMatch(p -> identity.equals(p.identity))) {
            throw new TwilioError(409, 50433, "Participant already exists");
        }
    }

    private String attributes(Request request, String fallback) {
        String value = request.param("Attributes");
        if (value == null) {
            return fallback;
        }
        try {
            json.readTree(value);
            return value;
        } catch (JsonProcessingException e) {
            throw TwilioError.invalidParameter("Attributes must be a valid JSON string");
        }
    }

    private static int parseIndex(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw TwilioError.invalidParameter("LastReadMessageIndex must be an integer");
        }
    }

    private static void ifPresent(Request request, String name, Consumer<String> action) {
        String value = request.param(name);
        if (value != null) {
            action.accept(value);
        }
    }

    /** Accepts ISO-8601 with an offset, and the zone-less form twilio-java's Serializer sends (read as UTC). */
    private static Instant date(Request request, String name, Instant fallback) {
        String value = request.param(name);
        if (value == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            } catch (DateTimeParseException e) {
                throw TwilioError.invalidParameter(name + " must be an ISO-8601 date-time");
            }
        }
    }

    private static String collectionPath(Conversation c, String collection) {
        return "/v1/Conversations/" + c.sid + "/" + collection;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
