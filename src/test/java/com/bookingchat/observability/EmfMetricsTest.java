package com.bookingchat.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class EmfMetricsTest {

    private static final long NOW = 1_790_000_000_000L;

    @Test
    void everyMetricIsWrittenAsADocumentTheSpecificationAccepts() {
        EmfMetrics metrics = new EmfMetrics(config(true));
        for (Metric metric : Metric.values()) {
            metrics.add(metric, 3, metric.dimensions().stream().map(d -> d.toLowerCase() + "-value").toArray(String[]::new));
            List<String> documents = metrics.documents(NOW);
            assertEquals(1, documents.size(), metric + ": " + documents);
            JsonNode document = EmfDocuments.valid(documents.get(0));
            JsonNode directive = document.path("_aws").path("CloudWatchMetrics").get(0);
            assertEquals("Test/BookingChat", directive.path("Namespace").asText());
            assertEquals(metric.metricName(), directive.path("Metrics").get(0).path("Name").asText());
            assertEquals(metric.unit().cloudWatchName(), directive.path("Metrics").get(0).path("Unit").asText());
            assertEquals(metric.dimensionSets().size(), directive.path("Dimensions").size(), metric.toString());
            assertEquals(NOW, document.path("_aws").path("Timestamp").asLong());
            assertEquals(3, document.path(metric.metricName()).asDouble(), metric.toString());
        }
    }

    @Test
    void countsAreSummedAndDurationsKeptWithinOneInvocation() {
        EmfMetrics metrics = new EmfMetrics(config(true));
        metrics.count(Metric.TWILIO_CALLS, "PostMessage", "ok");
        metrics.count(Metric.TWILIO_CALLS, "PostMessage", "ok");
        metrics.add(Metric.TWILIO_LATENCY, 120, "PostMessage");
        metrics.add(Metric.TWILIO_LATENCY, 80, "PostMessage");
        metrics.count(Metric.TWILIO_CALLS, "AddParticipant", "unavailable");

        List<JsonNode> documents = metrics.documents(NOW).stream().map(EmfDocuments::valid).toList();
        assertEquals(2, documents.size(), "one document per disagreeing Operation: " + documents);
        JsonNode post = documents.stream().filter(d -> d.path("Operation").asText().equals("PostMessage")).findFirst().orElseThrow();
        assertEquals(2, post.path("TwilioCalls").asInt());
        assertEquals("ok", post.path("Outcome").asText());
        assertEquals("[120.0,80.0]", post.path("TwilioLatency").toString());
        assertTrue(metrics.documents(NOW).isEmpty(), "written values are forgotten");
    }

    @Test
    void seriesWithDifferentDimensionsShareADocumentSoAnInvocationWritesFewLines() {
        EmfMetrics metrics = new EmfMetrics(config(true));
        metrics.count(Metric.REQUESTS, "POST /conversations/{conversationSid}/messages", "2xx");
        metrics.count(Metric.COLD_STARTS, "booking-chat-dev-send");
        metrics.count(Metric.TWILIO_CALLS, "PostMessage", "ok");
        metrics.add(Metric.TWILIO_LATENCY, 95, "PostMessage");
        metrics.count(Metric.MESSAGES_RECORDED, "send");
        metrics.count(Metric.IDEMPOTENT_REPLAYS);

        List<String> documents = metrics.documents(NOW);

        assertEquals(1, documents.size(), documents.toString());
        JsonNode document = EmfDocuments.valid(documents.get(0));
        assertEquals(1, document.path("Requests").asInt());
        assertEquals(1, document.path("IdempotentReplays").asInt());
        assertEquals("send", document.path("Source").asText());
    }

    @Test
    void aDimensionNameTwoMetricsShareNeverTakesTwoValuesInOneDocument() {
        EmfMetrics metrics = new EmfMetrics(config(true));
        metrics.count(Metric.TWILIO_CALLS, "SendSMS", "ok");
        metrics.count(Metric.DIGEST_RUNS, "completed");

        List<JsonNode> documents = metrics.documents(NOW).stream().map(EmfDocuments::valid).toList();

        assertEquals(2, documents.size(), "Outcome is ok for one and completed for the other: " + documents);
    }

    @Test
    void aMetricFiledUnderSeveralDimensionSetsNamesThemAllInOneDirective() {
        EmfMetrics metrics = new EmfMetrics(config(true));
        metrics.count(Metric.TWILIO_CALLS, "CreateConversation", "unavailable");
        JsonNode document = EmfDocuments.valid(metrics.documents(NOW).get(0));
        assertEquals("[[\"Operation\",\"Outcome\"],[\"Outcome\"]]",
                document.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString());
    }

    @Test
    void aDataPointWithTheWrongDimensionsIsRefused() {
        EmfMetrics metrics = new EmfMetrics(config(true));
        assertThrows(IllegalArgumentException.class, () -> metrics.count(Metric.REQUESTS, "POST /tokens"));
        assertThrows(IllegalArgumentException.class, () -> metrics.count(Metric.IDEMPOTENT_REPLAYS, "extra"));
    }

    @Test
    void withMetricsOffNothingIsCollected() {
        EmfMetrics metrics = new EmfMetrics(config(false));
        metrics.count(Metric.COLD_STARTS, "booking-chat-dev-send");
        assertTrue(metrics.documents(NOW).isEmpty());
    }

    @Test
    void aDurationListStopsAtTheHundredValuesOneDocumentMayHold() {
        EmfMetrics metrics = new EmfMetrics(config(true));
        for (int i = 0; i < 150; i++) {
            metrics.add(Metric.TWILIO_LATENCY, i, "ReadMessages");
        }
        JsonNode document = EmfDocuments.valid(metrics.documents(NOW).get(0));
        assertEquals(100, document.path("TwilioLatency").size());
    }

    static ObservabilityConfig config(boolean metricsEnabled) {
        return new ObservabilityConfig() {
            @Override
            public Optional<String> userDigestKey() {
                return Optional.of("unit-test-key");
            }

            @Override
            public boolean json() {
                return true;
            }

            @Override
            public String metricsNamespace() {
                return "Test/BookingChat";
            }

            @Override
            public boolean metricsEnabled() {
                return metricsEnabled;
            }
        };
    }
}
