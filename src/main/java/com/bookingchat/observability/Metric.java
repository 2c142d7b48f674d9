package com.bookingchat.observability;

import java.util.List;

/**
 * Every metric the functions publish, with its unit and the dimension sets CloudWatch files it under. The
 * dimensions are few on purpose: each distinct combination of values is a metric CloudWatch bills for.
 * Dimension values are given in the order of {@link #dimensions()}.
 */
public enum Metric {
    /** API requests answered, by route key and status class (2xx, 4xx, 5xx). */
    REQUESTS("Requests", Unit.COUNT, List.of(List.of("Route", "StatusClass"))),
    /** Execution environments that served their first invocation, by function. */
    COLD_STARTS("ColdStarts", Unit.COUNT, List.of(List.of("Function"))),
    /** Twilio REST calls, by operation and outcome (ok, rejected, unavailable); also by outcome alone, for the alarm. */
    TWILIO_CALLS("TwilioCalls", Unit.COUNT, List.of(List.of("Operation", "Outcome"), List.of("Outcome"))),
    /** Time a Twilio call took, its retries and their waits included, by operation. */
    TWILIO_LATENCY("TwilioLatency", Unit.MILLISECONDS, List.of(List.of("Operation"))),
    /** Attempts beyond the first that Twilio calls needed, by operation. */
    TWILIO_RETRIES("TwilioRetries", Unit.COUNT, List.of(List.of("Operation"))),
    /** Messages newly recorded in PostgreSQL, by where they came from (send, webhook, reconciliation). */
    MESSAGES_RECORDED("MessagesRecorded", Unit.COUNT, List.of(List.of("Source"))),
    /** Sends answered from the Idempotency-Key record instead of being sent again. */
    IDEMPOTENT_REPLAYS("IdempotentReplays", Unit.COUNT, List.of(List.of())),
    /** Webhook requests refused because their X-Twilio-Signature did not verify. */
    WEBHOOK_SIGNATURE_REJECTIONS("WebhookSignatureRejections", Unit.COUNT, List.of(List.of())),
    /**
     * Digest recipients, by channel (sms, email) and outcome: notified, recorded (nothing to send to), failed
     * (retried), refused (for good), muted (the channel turned off), deferred (quiet hours); also by outcome alone,
     * for the alarm.
     */
    DIGEST_RECIPIENTS("DigestRecipients", Unit.COUNT, List.of(List.of("Channel", "Outcome"), List.of("Outcome"))),
    /** Digest runs, by outcome: completed, stopped_early (out of time, work left), failed. */
    DIGEST_RUNS("DigestRuns", Unit.COUNT, List.of(List.of("Outcome")));

    /** The units this service uses, spelled as CloudWatch spells them. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String metricName;
    private final Unit unit;
    private final List<List<String>> dimensionSets;

    Metric(String metricName, Unit unit, List<List<String>> dimensionSets) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimensionSets = dimensionSets;
    }

    /** The metric's name in CloudWatch. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The sets of dimensions the metric is filed under; the first holds every dimension it has. */
    public List<List<String>> dimensionSets() {
        return dimensionSets;
    }

    /** The dimensions whose values each data point gives, in order. */
    public List<String> dimensions() {
        return dimensionSets.get(0);
    }
}
