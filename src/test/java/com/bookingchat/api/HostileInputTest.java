package com.bookingchat.api;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every route against hostile input through the Lambda event path (the property and the generator are
 * {@link HostileRequests}'s). The seed is fixed; to run longer or elsewhere:
 *
 * <pre>{@code
 * ./mvnw test -Dtest=HostileInputTest -Dfuzz.tries=10000 -Dfuzz.seed=7
 * }</pre>
 */
@QuarkusTest
class HostileInputTest {

    /** PostgreSQL rows and Twilio resources, enough to tell whether a request wrote anything. */
    private record State(String rows, String digest, int conversations, int messages, int twilioWrites) {
    }

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    private String sid;

    @BeforeEach
    void oneConversationWithOneMessage() {
        sid = fixtures.resetWithSeedConversationAndMessage();
    }

    @Test
    void noRequestGetsA5xxOrALeakOrChangesAnythingWhenRefused() {
        HostileRequests.holdEveryRoute(sid, attack -> Lambda.invoke(attack.event()), this::state);
    }

    private State state() {
        return new State(fixtures.rowCounts(), fixtures.queryString(HostileRequests.CONTENT_DIGEST), emulator.conversationCount(),
                emulator.messageCount(sid), emulator.requestCount("POST", ".") + emulator.requestCount("DELETE", "."));
    }
}
