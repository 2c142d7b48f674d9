package com.bookingchat.openapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.bookingchat.PathTemplates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

/**
 * The OpenAPI document the build published, and the check of one answer against it: the operation is found
 * by method and path template, the answer's status and content type must be documented for it, and its body
 * must match the schema documented for them, read as JSON Schema 2020-12 (the dialect of OpenAPI 3.1).
 * Stricter than the document on one point, on purpose: an object may have no property its schema does not
 * list, so a field the API sends but the document forgets is caught, while the published document leaves
 * generated clients free to meet fields added later.
 */
final class PublishedDocument {

    /** Where the build writes the document ({@code quarkus.smallrye-openapi.store-schema-directory}). */
    static final Path FILE = Path.of(System.getProperty("user.dir"), "target", "openapi", "openapi.json");
    /** The name the validator knows the document by; it is read from memory, never fetched. */
    private static final String IRI = "https://booking-chat.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    /** An operation of the document. */
    record Operation(String method, String template, String id) {
    }

    /**
     * What checking a log found: the problems, the operations that answered with success at least once, and
     * how many exchanges reached no operation of the document (the webhook, the digest's route, no route).
     */
    record Verdict(List<String> problems, Set<String> succeeded, int unmatched) {
    }

    private PublishedDocument(JsonNode document) {
        this.document = document;
        JsonNode closed = document.deepCopy();
        closed.path("components").path("schemas").forEach(PublishedDocument::close);
        String text = closed.toString();
        // The validator reads the whole document as a schema; its own fields (paths, components...) are no keywords.
        List<NonValidationKeyword> documentFields = new ArrayList<>();
        document.fieldNames().forEachRemaining(name -> documentFields.add(new NonValidationKeyword(name)));
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi31.getInstance()).keywords(documentFields).build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(dialect)
                .defaultMetaSchemaIri(dialect.getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(IRI, text))));
    }

    /** The published document; the build writes it, so its absence is a failure, not a reason to skip. */
    static PublishedDocument read() throws IOException {
        if (!Files.isRegularFile(FILE)) {
            throw new IllegalStateException(FILE + " is missing: the Quarkus build writes it");
        }
        return new PublishedDocument(JSON.readTree(FILE.toFile()));
    }

    JsonNode json() {
        return document;
    }

    /** Every operation the document lists. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        operation.getValue().path("operationId").asText()))));
        return operations;
    }

    /** The operation a request reaches, matching each path segment to the template's literal or variable. */
    Optional<Operation> operation(String method, String path) {
        if (method == null || path == null) {
            return Optional.empty();
        }
        return operations().stream()
                .filter(operation -> operation.method().equalsIgnoreCase(method))
                .filter(operation -> PathTemplates.matches(operation.template(), path))
                .findFirst();
    }

    /** Checks every exchange of a {@link com.bookingchat.LambdaExchanges} log. */
    Verdict check(List<JsonNode> exchanges) {
        List<String> problems = new ArrayList<>();
        Set<String> succeeded = new TreeSet<>();
        int unmatched = 0;
        for (JsonNode exchange : exchanges) {
            Optional<Operation> operation = operation(exchange.path("method").asText(null),
                    exchange.path("path").asText(null));
            if (operation.isEmpty()) {
                unmatched++;
                continue;
            }
            int status = exchange.path("status").asInt();
            problems.addAll(problems(operation.get(), status, exchange.path("contentType").asText(null),
                    exchange.path("body").asText()));
            if (status / 100 == 2) {
                succeeded.add(operation.get().id());
            }
        }
        return new Verdict(problems, succeeded, unmatched);
    }

    /** @return what is wrong with the answer, each naming where; empty when the document describes it */
    List<String> problems(Operation operation, int status, String contentType, String body) {
        String where = operation.method() + " " + operation.template() + " -> " + status;
        JsonNode response = document.path("paths").path(operation.template())
                .path(operation.method().toLowerCase(Locale.ROOT)).path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of(where + ": status not documented for " + operation.id());
        }
        if (!response.has("content")) {
            return body.isEmpty() ? List.of() : List.of(where + ": documented without a body, answered " + body);
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!response.path("content").has(mediaType)) {
            return List.of(where + ": content type " + contentType + " not documented, only "
                    + response.path("content").properties().stream().map(Map.Entry::getKey).toList());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(where + ": body is not JSON: " + body);
        }
        String pointer = String.join("/", "", "paths", escape(operation.template()),
                operation.method().toLowerCase(Locale.ROOT), "responses", Integer.toString(status), "content",
                escape(mediaType), "schema");
        // a URI fragment cannot hold the braces of a path template as they are
        JsonSchema schema = schemas.computeIfAbsent(pointer, p -> factory.getSchema(
                SchemaLocation.of(IRI + "#" + p.replace("{", "%7B").replace("}", "%7D")), config));
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(answer)) {
            problems.add(where + " " + mediaType + ": " + message.getMessage() + " in " + body);
        }
        return problems;
    }


    /** RFC 6901: a path template is one pointer segment. */
    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /** Objects with listed properties admit no other: see the class comment. */
    private static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        object.path("properties").forEach(PublishedDocument::close);
        close(object.get("items"));
        object.path("anyOf").forEach(PublishedDocument::close);
    }
}
