package com.bookingchat.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bookingchat.identity.Caller;
import com.bookingchat.lifecycle.ConversationState;
import com.bookingchat.persistence.ConversationMetadata;
import com.bookingchat.persistence.ConversationParticipant;
import com.bookingchat.persistence.ConversationRepository;
import com.bookingchat.persistence.InboxPage;
import com.bookingchat.persistence.InboxRow;
import com.bookingchat.persistence.NotificationRepository;
import com.bookingchat.persistence.ParticipantRepository;
import com.bookingchat.persistence.ParticipantRepository.ReadMark;
import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Creating booking conversations, listing a caller's inbox and marking conversations read. */
@ApplicationScoped
public class ConversationService {

    /** The conversation type when a create request names none. */
    public static final String DEFAULT_TYPE = "booking_chat";
    static final int MAX_BOOKING_BYTES = 4096;
    private static final TypeReference<List<ParticipantView>> PARTICIPANTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ConversationRepository conversations;
    private final ParticipantRepository participants;
    private final NotificationRepository notifications;
    private final ConversationsGateway gateway;
    private final JsonCodec json;

    ConversationService(ConversationRepository conversations, ParticipantRepository participants,
            NotificationRepository notifications, ConversationsGateway gateway, JsonCodec json) {
        this.conversations = conversations;
        this.participants = participants;
        this.notifications = notifications;
        this.gateway = gateway;
        this.json = json;
    }

    /**
     * Returns the one conversation of (booking, type), creating it in Twilio and here on the first call.
     * Twilio's unique name makes a retry or a racing create find the same Twilio conversation; the
     * unique (booking, type) row decides which caller reports {@code created}.
     */
    public ConversationView create(Caller caller, String bookingId, String requestedType,
            List<NewParticipant> wanted, Map<String, Object> booking) {
        String type = requestedType == null ? DEFAULT_TYPE : requestedType;
        checkParticipants(caller, wanted);
        String bookingJson = bookingJson(booking);

        Optional<ConversationMetadata> existing = conversations.findByBooking(bookingId, type);
        if (existing.isPresent()) {
            return join(caller, existing.get(), wanted);
        }
        String conversationSid = gateway.createOrGetConversation(uniqueName(bookingId, type), "Booking " + bookingId,
                json.write(Map.of("bookingId", bookingId, "type", type)));
        Map<String, String> participantSids = addToTwilio(conversationSid, wanted);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            boolean created = conversations.insertIfAbsent(bookingId, type, conversationSid, bookingJson,
                    caller.userId(), now);
            ConversationMetadata conversation = conversations.findByBooking(bookingId, type).orElseThrow();
            if (!created && participants.findMembership(conversation.twilioConversationSid, caller.userId()).isEmpty()) {
                throw ServiceException.conversationNotFound(conversation.twilioConversationSid);
            }
            insertParticipants(conversation, wanted, participantSids, now);
            return view(conversation, created);
        });
    }

    /** One page of the caller's conversations as the caller's user type, most recent activity first. */
    public Inbox inbox(Caller caller, int limit, String cursor) {
        InboxPage page = conversations.inbox(caller.userId(), caller.userType(),
                cursor == null ? null : InboxCursor.decode(cursor), limit + 1);
        List<InboxRow> rows = page.rows();
        boolean more = rows.size() > limit;
        List<InboxRow> shown = more ? rows.subList(0, limit) : rows;
        List<InboxEntry> entries = shown.stream()
                .map(row -> new InboxEntry(row.conversationSid(), row.bookingId(), row.type(),
                        json.read(row.bookingJson(), OBJECT), json.read(row.participantsJson(), PARTICIPANTS),
                        row.createdAt(), row.lastMessageAt(), row.unreadCount(), row.lastReadAt(),
                        ConversationState.of(row.closedAt())))
                .toList();
        String nextCursor = more ? InboxCursor.encode(shown.get(shown.size() - 1).position()) : null;
        return new Inbox(entries, page.totalUnread(), nextCursor);
    }

    /**
     * Marks all of the caller's notifications in the conversation read and moves the caller's Twilio read
     * horizon to the last recorded message; a Twilio failure rolls the database back so both stay in step.
     */
    @Transactional
    public ReadReceipt markRead(Caller caller, String conversationSid) {
        Instant now = now();
        ReadMark mark = participants.markRead(conversationSid, caller.userId(), caller.userType(), now)
                .orElseThrow(() -> ServiceException.conversationNotFound(conversationSid));
        Integer horizon = mark.lastMessageIndex();
        if (horizon == null) {
            return new ReadReceipt(conversationSid, now, 0);
        }
        notifications.markRead(mark.conversationId(), caller.userId(), horizon, now);
        if (mark.previousReadIndex() == null || horizon > mark.previousReadIndex()) {
            gateway.moveReadHorizon(conversationSid,
                    mark.participantSid() != null ? mark.participantSid() : caller.userId(), horizon);
        }
        return new ReadReceipt(conversationSid, now, 0);
    }

    /**
     * Records a read horizon a participant's client SDK moved in Twilio. A horizon that is not ahead of the
     * recorded one (a redelivery, a late event) and participants this service does not know change nothing.
     */
    @Transactional
    public void readHorizonMoved(String conversationSid, String userId, int lastReadMessageIndex) {
        participants.findMembership(conversationSid, userId)
                .ifPresent(participant -> moveReadHorizon(participant, lastReadMessageIndex, now()));
    }

    /**
     * Moves the participant's read horizon forward, never back, and marks the notifications it now covers read;
     * together with notifications born read behind the horizon, every notification up to it stays read.
     *
     * @return whether the horizon moved
     */
    private boolean moveReadHorizon(ConversationParticipant participant, int lastReadMessageIndex, Instant at) {
        if (participant.lastReadMessageIndex != null && lastReadMessageIndex <= participant.lastReadMessageIndex) {
            return false;
        }
        notifications.markRead(participant.conversation.id, participant.userId, lastReadMessageIndex, at);
        participant.lastReadMessageIndex = lastReadMessageIndex;
        participant.lastReadAt = at;
        return true;
    }

    /** Twilio's unique name for (booking, type); the type never holds ':' so the pair reads back unambiguously. */
    static String uniqueName(String bookingId, String type) {
        return "booking:" + bookingId + ":" + type;
    }

    private ConversationView join(Caller caller, ConversationMetadata conversation, List<NewParticipant> wanted) {
        List<ConversationParticipant> present = participants.listByConversation(conversation.id);
        Set<String> presentIds = new HashSet<>();
        present.forEach(p -> presentIds.add(p.userId));
        if (!presentIds.contains(caller.userId())) {
            throw ServiceException.conversationNotFound("for booking " + conversation.bookingId);
        }
        List<NewParticipant> added = wanted.stream().filter(p -> !presentIds.contains(p.userId())).toList();
        if (added.isEmpty()) {
            return view(conversation, present, false);
        }
        Map<String, String> participantSids = addToTwilio(conversation.twilioConversationSid, added);
        return QuarkusTransaction.requiringNew().call(() -> {
            insertParticipants(conversation, added, participantSids, now());
            return view(conversation, false);
        });
    }

    private Map<String, String> addToTwilio(String conversationSid, List<NewParticipant> wanted) {
        Map<String, String> sids = new LinkedHashMap<>();
        for (NewParticipant participant : wanted) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("userType", participant.userType().wire());
            if (participant.userName() != null) {
                attributes.put("userName", participant.userName());
            }
            sids.put(participant.userId(),
                    gateway.addParticipant(conversationSid, participant.userId(), json.write(attributes)));
        }
        return sids;
    }

    private void insertParticipants(ConversationMetadata conversation, List<NewParticipant> wanted,
            Map<String, String> participantSids, Instant joinedAt) {
        for (NewParticipant p : wanted) {
            participants.insertIfAbsent(conversation.id, p.userId(), p.userType(), p.userName(), p.phone(), p.email(),
                    participantSids.get(p.userId()), joinedAt);
        }
    }

    private ConversationView view(ConversationMetadata conversation, boolean created) {
        return view(conversation, participants.listByConversation(conversation.id), created);
    }

    private static ConversationView view(ConversationMetadata conversation, List<ConversationParticipant> present,
            boolean created) {
        return new ConversationView(conversation.twilioConversationSid, conversation.bookingId, conversation.type,
                created, conversation.createdAt, conversation.bookingDetails,
                present.stream().map(ParticipantView::of).toList(), ConversationState.of(conversation.closedAt));
    }

    private static void checkParticipants(Caller caller, List<NewParticipant> wanted) {
        Set<String> ids = new HashSet<>();
        for (NewParticipant participant : wanted) {
            if (!ids.add(participant.userId())) {
                throw ServiceException.invalid("participants name " + participant.userId() + " more than once");
            }
        }
        NewParticipant self = wanted.stream().filter(p -> p.userId().equals(caller.userId())).findFirst()
                .orElseThrow(() -> ServiceException.invalid("the caller must be one of the participants"));
        if (self.userType() != caller.userType()) {
            throw ServiceException.invalid("the caller's userType must match the caller's " + caller.userType().wire()
                    + " claim");
        }
    }

    private String bookingJson(Map<String, Object> booking) {
        if (booking == null) {
            return null;
        }
        String text = json.write(booking);
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BOOKING_BYTES) {
            throw ServiceException.invalid("booking must be at most " + MAX_BOOKING_BYTES + " bytes of JSON");
        }
        return text;
    }

    /** PostgreSQL keeps microseconds; answering with what is stored keeps repeats identical. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
