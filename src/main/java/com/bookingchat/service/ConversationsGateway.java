package com.bookingchat.service;

import java.time.Instant;
import java.util.List;

/**
 * What the service layer needs from Twilio Conversations. Implementations translate provider errors
 * into {@link ServiceException}s with {@link ErrorCode#TWILIO_UNAVAILABLE} or {@link ErrorCode#TWILIO_ERROR}, or
 * {@link ErrorCode#CONVERSATION_CLOSED} when Twilio refuses a change to a closed conversation.
 */
public interface ConversationsGateway {

    /** Creates the conversation with this unique name, or returns the one that already has it. */
    String createOrGetConversation(String uniqueName, String friendlyName, String attributesJson);

    /** Adds the identity to the conversation, or returns its existing participant SID. */
    String addParticipant(String conversationSid, String identity, String attributesJson);

    /** Posts a message on behalf of the author; our own posts are recorded directly, not through webhooks. */
    PostedMessage postMessage(String conversationSid, String author, String body, String attributesJson);

    /** One page of history; {@code pageToken} is null for the first page. */
    MessagePage listMessages(String conversationSid, int pageSize, boolean ascending, String pageToken);

    /** Moves the participant's read horizon so client SDKs show the same read state. */
    void moveReadHorizon(String conversationSid, String participantSid, int lastReadMessageIndex);

    /**
     * Sets the conversation's state to closed, so the client SDKs cannot post to it either; closing one that is
     * closed already succeeds.
     */
    void closeConversation(String conversationSid);

    /**
     * Takes the participant (by participant SID or identity) out of the conversation; one already gone counts as
     * taken out, so a repeat changes nothing.
     */
    void removeParticipant(String conversationSid, String participantSidOrIdentity);

    /** Rewrites a message in place (its index and time stay), without firing webhooks. */
    void replaceMessage(String conversationSid, String messageSid, String author, String body, String attributesJson);

    /** A message as Twilio stores it. */
    record PostedMessage(String sid, int index, String author, String body, String attributesJson,
            Instant createdAt) {
    }

    /** A page of messages and the opaque token of the next one (null on the last page). */
    record MessagePage(List<PostedMessage> messages, String nextPageToken) {
    }
}
