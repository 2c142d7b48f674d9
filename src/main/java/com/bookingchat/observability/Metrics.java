package com.bookingchat.observability;

/**
 * Where the code reports what it did, for CloudWatch metrics. Values are collected during an invocation and
 * written when it ends, so reporting never blocks or calls anything on the request path.
 */
public interface Metrics {

    /** Adds a value (a count, a duration in the metric's unit) with the metric's dimension values in order. */
    void add(Metric metric, double value, String... dimensionValues);

    /** Counts one occurrence. */
    default void count(Metric metric, String... dimensionValues) {
        add(metric, 1, dimensionValues);
    }
}
