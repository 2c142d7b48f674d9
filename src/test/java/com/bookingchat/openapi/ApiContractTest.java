package com.bookingchat.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.bookingchat.LambdaExchanges;

/**
 * Holds the API to its published OpenAPI document, as the emulator's answers are held to Twilio's: every
 * answer the suite got through the Lambda event path must be one the document describes for its operation,
 * status and content type. Not a {@code @QuarkusTest} on purpose: Quarkus runs plain test classes after its
 * own (QuarkusTestProfileAwareClassOrderer), so this one reads the log once the others have written it.
 */
class ApiContractTest {

    @Test
    void everyAnswerTheSuiteGotThroughTheLambdaEventPathIsOneThePublishedDocumentDescribes() throws IOException {
        assumeTrue(LambdaExchanges.recordedInThisRun(), "no test sent a Lambda event in this run: nothing to check");
        PublishedDocument document = PublishedDocument.read();

        PublishedDocument.Verdict verdict = document.check(LambdaExchanges.recorded());

        assertEquals(List.of(), verdict.problems());
        Set<String> operations = new TreeSet<>();
        document.operations().forEach(operation -> operations.add(operation.id()));
        assertEquals(operations, verdict.succeeded(),
                "operations the suite got a 2xx answer from (a partial run of the suite leaves some out)");
    }

    /** Guards the guard: a check that let anything through would make the test above worthless. */
    @Test
    void theCheckReportsUndocumentedStatusesAndContentTypesAndFieldsMissingExtraMalformedOrWronglyNull()
            throws IOException {
        PublishedDocument document = PublishedDocument.read();
        PublishedDocument.Operation inbox = document.operation("GET", "/conversations").orElseThrow();
        PublishedDocument.Operation token = document.operation("POST", "/tokens").orElseThrow();
        String entry = """
                { "conversationSid": "CH0", "bookingId": "b", "type": "booking_chat", "booking": null,
                  "participants": [], "createdAt": "yesterday", "lastMessageAt": null, "unreadCount": null, "state": "active" }""";

        List<String> problems = document.problems(inbox, 200, "application/json",
                "{ \"conversations\": [" + entry + "], \"nextCursor\": null, \"colour\": \"blue\" }");

        assertEquals(5, problems.size(), String.join("\n", problems));
        for (String expected : new String[] { "totalUnread", "colour", "createdAt", "unreadCount", "lastReadAt" }) {
            assertTrue(problems.stream().anyMatch(problem -> problem.contains(expected)), expected + ": " + problems);
        }
        assertEquals(1, document.problems(inbox, 418, "application/json", "{}").size());
        assertEquals(1, document.problems(inbox, 200, "text/plain", "{}").size());
        assertEquals(1, document.problems(token, 409, "application/problem+json", "{}").size());
        assertEquals(1, document.problems(token, 401, "application/problem+json",
                "{ \"type\": \"urn:x\", \"title\": \"t\", \"status\": 401, \"detail\": \"d\" }").size());
    }
}
