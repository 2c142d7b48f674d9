package com.bookingchat.invocation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.bookingchat.Lambda;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The token function runs without a datasource (infra/template.yaml): it must start, issue tokens, be
 * primed and be snapshotted without anything reaching for a database.
 */
@QuarkusTest
@TestProfile(TokenFunctionWithoutDatabaseTest.NoDatasource.class)
class TokenFunctionWithoutDatabaseTest {

    /** The token function's settings from the template, plus no migration (there is nothing to migrate). */
    public static class NoDatasource implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.active", "false",
                    "quarkus.hibernate-orm.active", "false",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.clean-at-start", "false");
        }
    }

    @Inject
    PoolFlushBeforeSnapshot snapshotHook;

    @Test
    void tokensAreIssuedPrimedAndSnapshottedWithoutADatabase() {
        assertEquals(200, Lambda.post(Lambda.CUSTOMER, "/tokens", null).status());
        int[] primed = new int[1];
        PrimingStreamHandler.prime("POST /tokens",
                (in, out, context) -> primed[0] = Lambda.handle(new String(in.readAllBytes(), StandardCharsets.UTF_8)).status());
        assertEquals(200, primed[0]);

        assertDoesNotThrow(() -> snapshotHook.beforeCheckpoint(null));
    }
}
