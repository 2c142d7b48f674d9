package com.bookingchat.openapi;

import static com.bookingchat.Lambda.ANONYMOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The contract tests read the document from target/openapi/: it must be the one the API serves. */
@QuarkusTest
class ServedDocumentTest {

    @Test
    void theDocumentServedAtQOpenapiIsTheOneTheBuildPublished() throws IOException {
        Reply served = Lambda.get(ANONYMOUS, "/q/openapi?format=json");

        assertEquals(200, served.status());
        assertEquals(PublishedDocument.read().json(), new ObjectMapper().readTree(served.body()));
    }
}
