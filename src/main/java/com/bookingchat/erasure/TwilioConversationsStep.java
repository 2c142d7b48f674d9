package com.bookingchat.erasure;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import com.bookingchat.invocation.LambdaDeadline;
import com.bookingchat.service.ConversationsGateway;
import com.bookingchat.service.ConversationsGateway.MessagePage;
import com.bookingchat.service.ConversationsGateway.PostedMessage;
import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The person leaves each conversation: in Twilio, every message they wrote is rewritten in place to a neutral
 * placeholder by a placeholder author (so the other party's thread keeps its order and indexes) and their
 * participant is removed; then, in one transaction, their participant row goes with their notifications, and
 * the notifications they caused others name the placeholder author. The participant rows are the to-do list:
 * a conversation is done when its row is gone, and a retry redoes only what is left (a rewritten message no
 * longer names the person; a participant already removed counts as removed). A conversation is started only
 * while the invocation has the time margin left, so a large erasure answers in time and the next call goes on.
 */
@ApplicationScoped
class TwilioConversationsStep implements ErasureStep {

    private static final int PAGE = 100;
    private static final String ERASED_ATTRIBUTES = "{\"erased\":true}";

    private final ConversationsGateway gateway;
    private final ErasureConfig config;
    private final LambdaDeadline deadline;

    TwilioConversationsStep(ConversationsGateway gateway, ErasureConfig config, LambdaDeadline deadline) {
        this.gateway = gateway;
        this.config = config;
        this.deadline = deadline;
    }

    /** A conversation the person is still in. */
    private record Membership(long participantId, long conversationId, String conversationSid, String participantSid) {
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void run(ErasureSubject subject, ErasureTally tally) {
        // the record names every kind this step removes, also when there was nothing to remove
        for (String kind : List.of("conversationsLeft", "messagesReplaced", "notificationsDeleted", "notificationAuthorsReplaced")) {
            tally.add(kind, 0);
        }
        List<Membership> memberships = QuarkusTransaction.requiringNew().call(() -> memberships(subject));
        for (int done = 0; done < memberships.size(); done++) {
            Membership membership = memberships.get(done);
            if (deadline.remaining().filter(left -> left.compareTo(config.timeMargin()) < 0).isPresent()) {
                throw new ServiceException(ErrorCode.ERASURE_INCOMPLETE, "The erasure goes on with the next call: "
                        + (memberships.size() - done) + " conversations left", Duration.ofSeconds(1), null);
            }
            replaceMessages(subject, membership.conversationSid(), tally);
            gateway.removeParticipant(membership.conversationSid(),
                    membership.participantSid() != null ? membership.participantSid() : subject.userId());
            QuarkusTransaction.requiringNew().run(() -> leave(subject, membership, tally));
        }
    }

    private void replaceMessages(ErasureSubject subject, String conversationSid, ErasureTally tally) {
        String pageToken = null;
        do {
            MessagePage page = gateway.listMessages(conversationSid, PAGE, true, pageToken);
            for (PostedMessage message : page.messages()) {
                if (subject.userId().equals(message.author())) {
                    gateway.replaceMessage(conversationSid, message.sid(), config.placeholderAuthor(),
                            config.placeholderBody(), ERASED_ATTRIBUTES);
                    tally.add("messagesReplaced", 1);
                }
            }
            pageToken = page.nextPageToken();
        } while (pageToken != null);
    }

    private void leave(ErasureSubject subject, Membership membership, ErasureTally tally) {
        var em = Panache.getEntityManager();
        int notifications = em.createNativeQuery(
                "DELETE FROM message_notifications WHERE conversation_id = :conversationId AND recipient_user_id = :userId")
                .setParameter("conversationId", membership.conversationId())
                .setParameter("userId", subject.userId())
                .executeUpdate();
        int authored = em.createNativeQuery("""
                UPDATE message_notifications SET author_user_id = :placeholder
                 WHERE conversation_id = :conversationId AND author_user_id = :userId
                """)
                .setParameter("placeholder", config.placeholderAuthor())
                .setParameter("conversationId", membership.conversationId())
                .setParameter("userId", subject.userId())
                .executeUpdate();
        int left = em.createNativeQuery("DELETE FROM conversation_participants WHERE id = :id")
                .setParameter("id", membership.participantId())
                .executeUpdate();
        tally.add("notificationsDeleted", notifications);
        tally.add("notificationAuthorsReplaced", authored);
        tally.add("conversationsLeft", left);
    }

    @SuppressWarnings("unchecked")
    private static List<Membership> memberships(ErasureSubject subject) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                SELECT p.id, p.conversation_id, m.twilio_conversation_sid, p.twilio_participant_sid
                  FROM conversation_participants p
                  JOIN conversation_metadata m ON m.id = p.conversation_id
                 WHERE p.user_id = :userId AND p.user_type = :userType
                 ORDER BY p.id
                """)
                .setParameter("userId", subject.userId())
                .setParameter("userType", subject.userType().wire())
                .unwrap(NativeQuery.class)
                .addScalar("id", StandardBasicTypes.LONG)
                .addScalar("conversation_id", StandardBasicTypes.LONG)
                .addScalar("twilio_conversation_sid", StandardBasicTypes.STRING)
                .addScalar("twilio_participant_sid", StandardBasicTypes.STRING)
                .getResultList();
        return rows.stream().map(r -> new Membership((Long) r[0], (Long) r[1], (String) r[2], (String) r[3])).toList();
    }
}
