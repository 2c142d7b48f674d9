package com.bookingchat.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Holds documents to the Embedded Metric Format specification: its schema, then what a schema cannot say. */
public final class EmfDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = schema();

    private EmfDocuments() {
    }

    /** Whether a log line is an EMF document at all (CloudWatch looks for the _aws member). */
    public static boolean isEmf(String line) {
        return line.startsWith("{") && line.contains("\"_aws\"");
    }

    /** Fails unless the document follows the specification; returns it parsed. */
    public static JsonNode valid(String line) {
        JsonNode document;
        try {
            document = JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>(SCHEMA.validate(document).stream().map(ValidationMessage::toString).toList());
        Set<String> names = new HashSet<>();
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode set : directive.path("Dimensions")) {
                for (JsonNode dimension : set) {
                    JsonNode value = document.get(dimension.asText());
                    if (value == null || !value.isTextual() || value.asText().isEmpty() || value.asText().length() > 1024) {
                        errors.add("dimension " + dimension + " must be a root member with a text value of 1 to 1024 characters");
                    }
                }
            }
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                assertTrue(names.add(name), "metric " + name + " is defined twice in one document");
                JsonNode value = document.get(name);
                boolean numbers = value != null && (value.isNumber()
                        || (value.isArray() && value.size() > 0 && value.size() <= 100 && allNumbers(value)));
                if (!numbers) {
                    errors.add("metric " + name + " must be a root member holding a number or 1 to 100 numbers");
                }
            }
        }
        assertEquals(List.of(), errors, line);
        return document;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode value : array) {
            if (!value.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static JsonSchema schema() {
        try (InputStream schema = EmfDocuments.class.getResourceAsStream("/emf/embedded-metric-format.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(schema));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
