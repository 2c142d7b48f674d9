package com.bookingchat.lifecycle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.bookingchat.service.ConversationsGateway;
import com.bookingchat.service.ServiceException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The conversation follows the booking: the booking system reports each status change, a cancelled booking's
 * conversations close at once and a completed one's a grace period after it ends. Closing happens here first
 * (sends and the pre-event webhook refuse from then on) and then in Twilio; what Twilio could not confirm is
 * retried by the scheduled run. A closed conversation never reopens.
 */
@ApplicationScoped
public class LifecycleService {

    private static final Logger LOG = Logger.getLogger(LifecycleService.class);

    private final BookingLifecycleRepository lifecycle;
    private final ConversationsGateway gateway;
    private final LifecycleConfig config;

    LifecycleService(BookingLifecycleRepository lifecycle, ConversationsGateway gateway, LifecycleConfig config) {
        this.lifecycle = lifecycle;
        this.gateway = gateway;
        this.config = config;
    }

    /**
     * Records the booking's status unless an update at least as recent is recorded (see
     * {@link BookingLifecycleRepository#record}), closes what the recorded status makes due, and answers with
     * the recorded status, so a repeat or a late update answers what the booking's status actually is.
     */
    public BookingStatusView update(String bookingId, BookingStatusUpdate update) {
        Instant now = now();
        boolean applied = QuarkusTransaction.requiringNew().call(() -> {
            boolean recorded = lifecycle.record(bookingId, update.status(),
                    update.endsAt().truncatedTo(ChronoUnit.MICROS), update.occurredAt().truncatedTo(ChronoUnit.MICROS), now);
            lifecycle.closeDue(bookingId, endedBefore(now), now);
            return recorded;
        });
        lifecycle.closedNotInTwilio(bookingId).forEach(this::closeInTwilio);
        return QuarkusTransaction.requiringNew().call(() -> view(bookingId, applied));
    }

    /**
     * The scheduled run: closes every conversation that fell due, then closes in Twilio, oldest first, what
     * Twilio has not confirmed yet, while the invocation has time left and up to the batch size.
     */
    public LifecycleRunSummary run(LongSupplier remainingMillis) {
        Instant now = now();
        int closed = QuarkusTransaction.requiringNew().call(() -> lifecycle.closeAllDue(endedBefore(now), now));
        List<String> pending = QuarkusTransaction.requiringNew().call(() -> lifecycle.closedNotInTwilio(config.batchSize()));
        int confirmed = 0;
        int failed = 0;
        boolean stoppedEarly = pending.size() == config.batchSize();
        for (String sid : pending) {
            if (remainingMillis.getAsLong() < config.timeMargin().toMillis()) {
                stoppedEarly = true;
                break;
            }
            if (closeInTwilio(sid)) {
                confirmed++;
            } else {
                failed++;
            }
        }
        LOG.infof("lifecycle run: %d conversations closed, %d closed in Twilio, %d left for the next run", closed,
                confirmed, failed);
        return new LifecycleRunSummary(closed, confirmed, failed, stoppedEarly);
    }

    /** Whether Twilio closed the conversation; a failure is logged and left for the scheduled run. */
    private boolean closeInTwilio(String conversationSid) {
        try {
            gateway.closeConversation(conversationSid);
        } catch (ServiceException e) {
            LOG.warnf("could not close %s in Twilio, the scheduled run retries: %s", conversationSid, e.getMessage());
            return false;
        }
        QuarkusTransaction.requiringNew().run(() -> lifecycle.markClosedInTwilio(conversationSid, now()));
        return true;
    }

    private BookingStatusView view(String bookingId, boolean applied) {
        BookingLifecycle recorded = lifecycle.findById(bookingId);
        List<BookingConversationState> conversations = lifecycle.conversationsOf(bookingId).stream()
                .map(c -> new BookingConversationState(c.twilioConversationSid, c.type,
                        ConversationState.of(c.closedAt), c.closedAt))
                .toList();
        return new BookingStatusView(bookingId, recorded.status, recorded.endsAt, recorded.occurredAt, applied,
                closesAt(recorded), conversations);
    }

    private Instant closesAt(BookingLifecycle recorded) {
        return switch (recorded.status) {
            case CANCELLED -> recorded.occurredAt;
            case COMPLETED -> recorded.endsAt.plus(config.completedGrace());
            case PENDING, CONFIRMED -> null;
        };
    }

    private Instant endedBefore(Instant now) {
        return now.minus(config.completedGrace());
    }

    /** PostgreSQL keeps microseconds; answering with what is stored keeps repeats identical. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
