package com.bookingchat.twilio;

import java.util.Locale;

import com.bookingchat.observability.Metric;
import com.bookingchat.observability.Metrics;

/**
 * How a Twilio call ended, as the TwilioCalls metric files it: {@value #OK}, {@value #REJECTED} (Twilio refused
 * the request itself: a 4xx other than 429) or {@value #UNAVAILABLE} (no answer, 429 or 5xx, retries spent).
 */
public final class TwilioOutcome {

    public static final String OK = "ok";
    public static final String REJECTED = "rejected";
    public static final String UNAVAILABLE = "unavailable";

    private TwilioOutcome() {
    }

    /**
     * Counts the call under its outcome and records its time and retries. The operation is the action's words
     * run together, articles dropped: "create a conversation" is CreateConversation.
     */
    public static void record(Metrics metrics, String action, String outcome, long startedNanos, int retries) {
        String operation = operation(action);
        metrics.count(Metric.TWILIO_CALLS, operation, outcome);
        metrics.add(Metric.TWILIO_LATENCY, (System.nanoTime() - startedNanos) / 1_000_000.0, operation);
        if (retries > 0) {
            metrics.add(Metric.TWILIO_RETRIES, retries, operation);
        }
    }

    static String operation(String action) {
        StringBuilder name = new StringBuilder();
        for (String word : action.split(" ")) {
            if (!word.isEmpty() && !word.equals("a") && !word.equals("an") && !word.equals("the")) {
                name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return name.toString();
    }
}
