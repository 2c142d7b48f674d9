package com.bookingchat.invocation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The requests infra/template.yaml gives the functions to prime with before a SnapStart snapshot must be
 * answered by the real handler without changing a row or calling Twilio: they run in every published version.
 */
@QuarkusTest
class PrimingStreamHandlerTest {

    private static final Pattern PRIMING = Pattern.compile("BOOKING_CHAT_PRIMING_REQUEST: !If \\[UseSnapStart, '([^']+)'");

    @Inject
    Fixtures fixtures;

    @Inject
    TwilioEmulator emulator;

    @Test
    void everyPrimingRequestOfTheTemplateIsAnsweredWithoutWritingOrCallingTwilio() throws IOException {
        List<String> requests = PRIMING.matcher(Files.readString(Path.of("infra", "template.yaml"))).results()
                .map(match -> match.group(1)).toList();
        assertEquals(11, requests.size(), "one per API function: " + requests);
        fixtures.resetWithSeedConversationAndMessage();
        String rows = fixtures.rowCounts();
        int twilioCalls = twilioCalls();
        assertTrue(twilioCalls > 0, "the emulator counts the seed's calls");

        for (String request : requests) {
            Lambda.Reply reply = Lambda.handle(new String(PrimingStreamHandler.event(request), StandardCharsets.UTF_8));
            assertTrue(reply.status() < 500, request + " answered " + reply.status() + " " + reply.body());
        }

        assertEquals(rows, fixtures.rowCounts());
        assertEquals(twilioCalls, twilioCalls());
    }

    @Test
    void aPrimingRequestThatIsNotAMethodAndAPathIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PrimingStreamHandler.event("/conversations"));
    }

    @Test
    void aPrimingRequestThatFailsNeverFailsTheInit() {
        assertDoesNotThrow(() -> PrimingStreamHandler.prime("GET /conversations", (in, out, context) -> {
            throw new IOException("the database is unreachable");
        }));
        assertDoesNotThrow(() -> PrimingStreamHandler.prime("/conversations", (in, out, context) -> {
            throw new IllegalStateException("a malformed priming request must never be sent");
        }));
    }

    private int twilioCalls() {
        return emulator.requestCount("GET", ".*") + emulator.requestCount("POST", ".*") + emulator.requestCount("DELETE", ".*");
    }
}
