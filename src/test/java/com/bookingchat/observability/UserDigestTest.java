package com.bookingchat.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class UserDigestTest {

    @Test
    void aUserReadsTheSameInEveryLineAndNeverAsTheirId() {
        UserDigest digest = new UserDigest(EmfMetricsTest.config(true));
        String once = digest.of("customer", "user-42").orElseThrow();
        assertEquals(once, digest.of("customer", "user-42").orElseThrow());
        assertFalse(once.contains("user-42"));
        assertEquals(22, once.length(), "128 bits, base64url");
    }

    @Test
    void theDigestDependsOnTheKeySoAListOfIdsCannotBeHashedWithoutIt() {
        UserDigest ours = new UserDigest(EmfMetricsTest.config(true));
        UserDigest otherKey = new UserDigest(new DelegatingConfig("another-key"));
        assertNotEquals(ours.of("customer", "user-42"), otherKey.of("customer", "user-42"));
    }

    @Test
    void theTypeIsPartOfTheUserSoACustomerAndAProviderWithOneIdDiffer() {
        UserDigest digest = new UserDigest(EmfMetricsTest.config(true));
        assertNotEquals(digest.of("customer", "7"), digest.of("provider", "7"));
    }

    @Test
    void withoutAKeyNoDigestIsMade() {
        assertTrue(new UserDigest(new DelegatingConfig(" ")).of("customer", "user-42").isEmpty());
    }

    private record DelegatingConfig(String key) implements ObservabilityConfig {
        @Override
        public Optional<String> userDigestKey() {
            return Optional.of(key);
        }

        @Override
        public boolean json() {
            return true;
        }

        @Override
        public String metricsNamespace() {
            return "Test";
        }

        @Override
        public boolean metricsEnabled() {
            return true;
        }
    }
}
