package com.bookingchat.api;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.identity.Caller;
import com.bookingchat.persistence.UserType;
import com.bookingchat.service.ConversationService;
import com.bookingchat.service.ConversationView;
import com.bookingchat.service.NewParticipant;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/** One conversation per (booking, type), however often and however concurrently it is asked for. */
@QuarkusTest
class CreateConversationTest {

    private static final String CREATE = "/bookings/booking-123/conversations";

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Inject
    ConversationService conversations;

    @ConfigProperty(name = "twilio.retry.max-attempts")
    int maxAttempts;

    @BeforeEach
    void cleanSlate() {
        fixtures.reset();
    }

    @Test
    void repeatingACreateAnswersTheSameConversationWith200() {
        Reply first = Lambda.post(CUSTOMER, CREATE, Fixtures.SEED_CREATE);
        Reply again = Lambda.post(CUSTOMER, CREATE, Fixtures.SEED_CREATE);

        assertEquals(201, first.status(), first.body());
        assertEquals(200, again.status(), again.body());
        assertEquals(false, again.json().getBoolean("created"));
        assertEquals(first.json().getString("conversationSid"), again.json().getString("conversationSid"));
        assertEquals(first.json().getString("createdAt"), again.json().getString("createdAt"));
        assertEquals("1/2/0", fixtures.rowCounts());
        assertEquals(1, emulator.conversationCount());
    }

    @Test
    void concurrentIdenticalCreatesMakeOneRowAndOneTwilioConversation() throws Exception {
        int threads = 8;
        Caller customer = new Caller("customer-456", UserType.CUSTOMER);
        List<NewParticipant> people = List.of(
                new NewParticipant("customer-456", UserType.CUSTOMER, "John Doe", null, null),
                new NewParticipant("provider-789", UserType.PROVIDER, "Jane Smith", null, null));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<ConversationView>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                Arc.container().requestContext().activate();
                try {
                    return conversations.create(customer, "booking-123", null, people, null);
                } finally {
                    Arc.container().requestContext().terminate();
                }
            }));
        }
        start.countDown();
        List<ConversationView> views = new ArrayList<>();
        for (Future<ConversationView> answer : answers) {
            views.add(answer.get());
        }
        pool.shutdown();

        Set<String> sids = views.stream().map(ConversationView::conversationSid).collect(Collectors.toSet());
        assertEquals(1, sids.size(), sids.toString());
        assertEquals(1, views.stream().filter(ConversationView::created).count());
        assertEquals("1/2/0", fixtures.rowCounts());
        assertEquals(1, emulator.conversationCount());
        assertEquals(List.of("customer-456", "provider-789"), emulator.participantIdentities(sids.iterator().next()));
    }

    @Test
    void aRepeatNamingANewParticipantAddsIt() {
        String sid = Lambda.post(CUSTOMER, CREATE, Fixtures.SEED_CREATE).json().getString("conversationSid");
        String withColleague = Fixtures.SEED_CREATE.replace("\"userName\": \"Jane Smith\" }",
                "\"userName\": \"Jane Smith\" }, { \"userId\": \"provider-790\", \"userType\": \"provider\" }");

        Reply again = Lambda.post(CUSTOMER, CREATE, withColleague);

        assertEquals(200, again.status(), again.body());
        assertEquals(List.of("customer-456", "provider-789", "provider-790"), again.json().getList("participants.userId"));
        assertEquals(List.of("customer-456", "provider-789", "provider-790"), emulator.participantIdentities(sid));
        assertEquals("1/3/0", fixtures.rowCounts());
    }

    @Test
    void aStrangerCannotJoinAnExistingConversationByRepeatingItsCreate() {
        Lambda.post(CUSTOMER, CREATE, Fixtures.SEED_CREATE);
        String strangerJoins = Fixtures.SEED_CREATE.replace("customer-456", "stranger-000");

        Reply denied = Lambda.post(STRANGER, CREATE, strangerJoins);

        assertEquals(404, denied.status(), denied.body());
        assertEquals("CONVERSATION_NOT_FOUND", denied.code());
        assertEquals("1/2/0", fixtures.rowCounts());
    }

    @Test
    void aRetryAfterTwilioCreatedTheConversationButTheRequestFailedReusesIt() {
        // Every attempt the retries make fails, at once; the next request's go through.
        emulator.failNext("POST", "/Participants$", 500, 20500, maxAttempts, Duration.ZERO);
        Reply failed = Lambda.post(CUSTOMER, CREATE, Fixtures.SEED_CREATE);
        assertEquals(503, failed.status(), failed.body());
        assertEquals("0/0/0", fixtures.rowCounts());
        assertEquals(1, emulator.conversationCount());

        Reply retried = Lambda.post(CUSTOMER, CREATE, Fixtures.SEED_CREATE);

        assertEquals(201, retried.status(), retried.body());
        assertEquals(1, emulator.conversationCount());
        assertEquals("1/2/0", fixtures.rowCounts());
    }

    @Test
    void differentTypesOfTheSameBookingAreDifferentConversations() {
        String first = Lambda.post(CUSTOMER, CREATE, Fixtures.SEED_CREATE).json().getString("conversationSid");
        Reply support = Lambda.post(CUSTOMER, CREATE, Fixtures.SEED_CREATE.replace("booking_chat", "support"));

        assertEquals(201, support.status(), support.body());
        assertEquals("support", support.json().getString("type"));
        assertEquals(2, Set.of(first, support.json().getString("conversationSid")).size());
    }

    @Test
    void aPhoneAndAnEmailAreStoredForTheDigestButShownToNobody() {
        String withContacts = Fixtures.SEED_CREATE.replace("\"userName\": \"Jane Smith\" }",
                "\"userName\": \"Jane Smith\", \"phone\": \"+14155550199\", \"email\": \"jane@example.com\" }");

        Reply created = Lambda.post(CUSTOMER, CREATE, withContacts);
        Reply inbox = Lambda.get(CUSTOMER, "/conversations");

        assertEquals(201, created.status(), created.body());
        for (Reply reply : List.of(created, inbox)) {
            assertFalse(reply.body().contains("jane@example.com") || reply.body().contains("+14155550199"), reply.body());
        }
        assertEquals(1, fixtures.count("conversation_participants WHERE user_id = 'provider-789'"
                + " AND email = 'jane@example.com' AND phone = '+14155550199'"));
    }
}
