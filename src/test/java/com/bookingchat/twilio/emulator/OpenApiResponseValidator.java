package com.bookingchat.twilio.emulator;

import com.bookingchat.PathTemplates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Checks one recorded emulator exchange against Twilio's published OpenAPI document. Stricter than plain
 * JSON Schema on purpose: Twilio sends every property of a resource (null when empty), so a property
 * missing from the emulator's JSON, or one the schema lacks, is reported too.
 */
final class OpenApiResponseValidator {

    private final JsonNode spec;

    OpenApiResponseValidator(Path specFile) throws IOException {
        this.spec = new ObjectMapper().readTree(specFile.toFile());
    }

    /** @return the problems found, each naming the exchange and JSON location; empty when the exchange conforms */
    List<String> validate(JsonNode exchange) {
        String method = exchange.path("method").asText();
        String path = exchange.path("path").asText();
        int status = exchange.path("status").asInt();
        JsonNode body = exchange.get("responseBody");
        String where = method + " " + path + " -> " + status + ": $";
        List<String> problems = new ArrayList<>();
        if (status >= 400) {
            checkError(body, status, where, problems);
            return problems;
        }
        Optional<String> template = template(path);
        if (template.isEmpty()) {
            problems.add(where + " path is not in the spec");
            return problems;
        }
        JsonNode response = spec.path("paths").path(template.get()).path(method.toLowerCase(Locale.ROOT))
                .path("responses").path(Integer.toString(status));
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (!response.isMissingNode() && !response.has("content")) {
            // a documented answer without content, such as a deletion's 204
            if (body != null && !body.isNull()) {
                problems.add(where + " status " + status + " has no content in the spec, but the body is " + body);
            }
        } else if (schema.isMissingNode()) {
            problems.add(where + " status " + status + " is not documented for " + method + " " + template.get());
        } else {
            check(body, schema, where, problems);
        }
        return problems;
    }

    /** Error bodies are not in the spec; twilio-java's RestException reads these four fields. */
    private static void checkError(JsonNode body, int status, String at, List<String> problems) {
        if (body == null || !body.isObject()) {
            problems.add(at + " error body is not a JSON object");
            return;
        }
        expect(body.path("code").isInt(), at + ".code", "an integer", body.get("code"), problems);
        expect(body.path("message").isTextual(), at + ".message", "a string", body.get("message"), problems);
        expect(isAbsoluteUri(body.path("more_info").asText(null)), at + ".more_info", "an absolute URI",
                body.get("more_info"), problems);
        expect(body.path("status").asInt(-1) == status, at + ".status", "the HTTP status " + status,
                body.get("status"), problems);
    }

    /** The most literal template wins, so {@code /v1/Conversations/{Sid}} never shadows a fixed path. */
    private Optional<String> template(String path) {
        Iterator<String> templates = spec.path("paths").fieldNames();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(templates, 0), false)
                .filter(t -> PathTemplates.matches(t, path))
                .min(Comparator.comparingLong(t -> t.chars().filter(ch -> ch == '{').count()));
    }


    private void check(JsonNode node, JsonNode schema, String at, List<String> problems) {
        while (schema.has("$ref")) {
            schema = spec.at(schema.get("$ref").asText().substring(1));
        }
        if (node == null || node.isNull()) {
            expect(schema.path("nullable").asBoolean(false), at, "non-null", node, problems);
            return;
        }
        String type = schema.has("properties") ? "object" : schema.path("type").asText("");
        switch (type) {
            case "string" -> checkString(node, schema, at, problems);
            case "integer" -> expect(node.isIntegralNumber(), at, "an integer", node, problems);
            case "number" -> expect(node.isNumber(), at, "a number", node, problems);
            case "boolean" -> expect(node.isBoolean(), at, "a boolean", node, problems);
            case "array" -> {
                if (expect(node.isArray(), at, "an array", node, problems)) {
                    for (int i = 0; i < node.size(); i++) {
                        check(node.get(i), schema.path("items"), at + "[" + i + "]", problems);
                    }
                }
            }
            case "object" -> checkObject(node, schema, at, problems);
            default -> {
                // An untyped schema (timers, bindings, delivery) admits any JSON value.
            }
        }
    }

    private void checkObject(JsonNode node, JsonNode schema, String at, List<String> problems) {
        if (!expect(node.isObject(), at, "an object", node, problems)) {
            return;
        }
        if (schema.path("format").asText().equals("uri-map")) {
            node.properties().forEach(e ->
                    expect(isAbsoluteUri(e.getValue().asText(null)), at + "." + e.getKey(), "an absolute URI",
                            e.getValue(), problems));
        }
        JsonNode properties = schema.path("properties");
        if (properties.isMissingNode()) {
            return;
        }
        properties.properties().forEach(p -> {
            if (node.has(p.getKey())) {
                check(node.get(p.getKey()), p.getValue(), at + "." + p.getKey(), problems);
            } else {
                problems.add(at + "." + p.getKey() + " is missing (Twilio always sends it)");
            }
        });
        node.fieldNames().forEachRemaining(name -> {
            if (!properties.has(name)) {
                problems.add(at + "." + name + " is not in the schema");
            }
        });
    }

    private static void checkString(JsonNode node, JsonNode schema, String at, List<String> problems) {
        if (!expect(node.isTextual(), at, "a string", node, problems)) {
            return;
        }
        String value = node.asText();
        if (schema.has("enum")) {
            Set<String> allowed = new HashSet<>();
            schema.get("enum").forEach(e -> allowed.add(e.asText()));
            expect(allowed.contains(value), at, "one of " + allowed, node, problems);
        }
        if (schema.has("pattern")) {
            boolean matches = Pattern.compile(schema.get("pattern").asText()).matcher(value).find();
            expect(matches, at, "matching " + schema.get("pattern"), node, problems);
        }
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        expect(value.length() >= min && value.length() <= max, at, "of length " + min + ".." + max, node, problems);
        switch (schema.path("format").asText()) {
            case "date-time" -> expect(isDateTime(value), at, "an ISO-8601 date-time", node, problems);
            case "uri" -> expect(isAbsoluteUri(value), at, "an absolute URI", node, problems);
            default -> {
                // Other formats (e.g. phone-number) carry no check the emulator could fail.
            }
        }
    }

    private static boolean isDateTime(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return value != null && new URI(value).isAbsolute() && new URI(value).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean expect(boolean ok, String at, String expected, JsonNode actual, List<String> problems) {
        if (!ok) {
            problems.add(at + " should be " + expected + " but is " + actual);
        }
        return ok;
    }
}
