package com.bookingchat.observability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Metrics as CloudWatch Embedded Metric Format documents: JSON log lines that CloudWatch Logs turns into
 * metrics on arrival, with no SDK and no API call. Values are collected while an invocation runs (a Lambda
 * environment serves one at a time) and written when it ends, in as few documents as the format allows (a
 * document gives each dimension one value, so series that disagree on one go to separate documents); counts
 * are summed, durations kept as a list of values.
 */
@ApplicationScoped
class EmfMetrics implements Metrics {

    /** CloudWatch takes at most 100 values of one metric in one document. */
    private static final int MAX_VALUES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Series(Metric metric, List<String> dimensionValues) {
    }

    private final ObservabilityConfig config;
    private final Map<Series, List<Double>> collected = new ConcurrentHashMap<>();

    EmfMetrics(ObservabilityConfig config) {
        this.config = config;
    }

    @Override
    public void add(Metric metric, double value, String... dimensionValues) {
        if (dimensionValues.length != metric.dimensions().size()) {
            throw new IllegalArgumentException(metric + " takes dimensions " + metric.dimensions() + ", given "
                    + Arrays.toString(dimensionValues));
        }
        if (!config.metricsEnabled()) {
            return;
        }
        collected.compute(new Series(metric, List.of(dimensionValues)), (series, values) -> {
            List<Double> all = values == null ? new ArrayList<>() : values;
            if (metric.unit() == Metric.Unit.COUNT && !all.isEmpty()) {
                all.set(0, all.get(0) + value);
            } else if (all.size() < MAX_VALUES) {
                all.add(value);
            }
            return all;
        });
    }

    /** Writes what was collected since the last call, one line per document, and starts afresh. */
    void flush() {
        documents(System.currentTimeMillis()).forEach(System.out::println);
    }

    /** Forgets what was collected, unwritten. */
    void discard() {
        collected.clear();
    }

    /** One document being filled: the dimension values it has given so far and its series. */
    private record Draft(Map<String, String> dimensions, List<Map.Entry<Series, List<Double>>> entries) {

        /** Whether the series fits: no dimension of it already has another value here, and its metric is not here yet. */
        boolean takes(Series series) {
            for (int i = 0; i < series.dimensionValues().size(); i++) {
                String given = dimensions.get(series.metric().dimensions().get(i));
                if (given != null && !given.equals(series.dimensionValues().get(i))) {
                    return false;
                }
            }
            return entries.stream().noneMatch(entry -> entry.getKey().metric() == series.metric());
        }

        void add(Series series, List<Double> values) {
            for (int i = 0; i < series.dimensionValues().size(); i++) {
                dimensions.put(series.metric().dimensions().get(i), series.dimensionValues().get(i));
            }
            entries.add(Map.entry(series, values));
        }
    }

    /** What was collected, as EMF documents stamped with this time, and forgets it. */
    List<String> documents(long timestampMillis) {
        List<Draft> drafts = new ArrayList<>();
        for (Series series : List.copyOf(collected.keySet())) {
            List<Double> values = collected.remove(series);
            if (values == null) {
                continue;
            }
            Draft draft = drafts.stream().filter(d -> d.takes(series)).findFirst().orElseGet(() -> {
                Draft fresh = new Draft(new LinkedHashMap<>(), new ArrayList<>());
                drafts.add(fresh);
                return fresh;
            });
            draft.add(series, values);
        }
        return drafts.stream().map(draft -> document(timestampMillis, draft.dimensions(), draft.entries())).toList();
    }

    private String document(long timestampMillis, Map<String, String> dimensions, List<Map.Entry<Series, List<Double>>> entries) {
        ObjectNode document = JSON.createObjectNode();
        ObjectNode aws = document.putObject("_aws");
        aws.put("Timestamp", timestampMillis);
        ArrayNode directives = aws.putArray("CloudWatchMetrics");
        Map<List<List<String>>, ArrayNode> metricsBySets = new LinkedHashMap<>();
        for (Map.Entry<Series, List<Double>> entry : entries) {
            Metric metric = entry.getKey().metric();
            ArrayNode metrics = metricsBySets.computeIfAbsent(metric.dimensionSets(), sets -> {
                ObjectNode directive = directives.addObject();
                directive.put("Namespace", config.metricsNamespace());
                ArrayNode setsNode = directive.putArray("Dimensions");
                sets.forEach(set -> set.forEach(setsNode.addArray()::add));
                return directive.putArray("Metrics");
            });
            metrics.addObject().put("Name", metric.metricName()).put("Unit", metric.unit().cloudWatchName());
        }
        dimensions.forEach(document::put);
        for (Map.Entry<Series, List<Double>> entry : entries) {
            List<Double> values = entry.getValue();
            String name = entry.getKey().metric().metricName();
            if (values.size() == 1) {
                put(document, name, values.get(0));
            } else {
                ArrayNode list = document.putArray(name);
                values.forEach(value -> list.add(value));
            }
        }
        return document.toString();
    }

    /** Counts are written as integers: shorter lines, and what CloudWatch shows anyway. */
    private static void put(ObjectNode document, String name, double value) {
        if (value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE) {
            document.put(name, (long) value);
        } else {
            document.put(name, value);
        }
    }
}
