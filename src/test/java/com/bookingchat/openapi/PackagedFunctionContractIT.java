package com.bookingchat.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bookingchat.LambdaExchanges;

/**
 * The packaged functions' answers to the integration tests (a production build, JVM or native, deployed as
 * the template deploys it) held to the document published with it, as {@link ApiContractTest} holds the test
 * build's. It must run after the integration tests that write the log: Quarkus's class orderer runs plain
 * classes by name, and this package sorts after theirs.
 */
class PackagedFunctionContractIT {

    @Test
    void everyAnswerOfThePackagedFunctionIsOneThePublishedDocumentDescribes() throws IOException {
        assumeTrue(LambdaExchanges.recordedInThisRun(), "no integration test sent a Lambda event: nothing to check");

        PublishedDocument.Verdict verdict = PublishedDocument.read().check(LambdaExchanges.recorded());

        assertEquals(List.of(), verdict.problems());
        assertFalse(verdict.succeeded().isEmpty(), "no answer reached a documented operation: " + verdict);
    }
}
