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
 * environment serves one at a time) and written when it ends as one document per set of dimension values;
 * counts are summed, durations kept as a list of values.
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

    /** What was collected, as EMF documents stamped with this time, and forgets it. */
    List<String> documents(long timestampMillis) {
        Map<Map<String, String>, List<Map.Entry<Series, List<Double>>>> byDimensions = new LinkedHashMap<>();
        for (Series series : List.copyOf(collected.keySet())) {
            List<Double> values = collected.remove(series);
            if (values == null) {
                continue;
            }
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int i = 0; i < series.dimensionValues().size(); i++) {
                dimensions.put(series.metric().dimensions().get(i), series.dimensionValues().get(i));
            }
            byDimensions.computeIfAbsent(dimensions, d -> new ArrayList<>()).add(Map.entry(series, values));
        }
        List<String> documents = new ArrayList<>();
        byDimensions.forEach((dimensions, entries) -> documents.add(document(timestampMillis, dimensions, entries)));
        return documents;
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
                document.put(name, values.get(0));
            } else {
                values.forEach(document.putArray(name)::add);
            }
        }
        return document.toString();
    }
}
