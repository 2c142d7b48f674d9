package com.bookingchat.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.ValidationMessage;

/**
 * infra/template.yaml against AWS SAM's own published JSON schema (draft-04), which {@code sam validate} and
 * the SAM transform hold templates to: every AWS::Serverless::* resource and the Globals must pass, so a
 * template SAM would refuse never lands. The schema is read from {@code ../shared/sam-schema/} beside the
 * checkout and never copied; where it is absent the test is skipped and says so.
 */
class SamSchemaTest {

    private static final String SERVERLESS = "AWS::Serverless::";
    private static final String GLOBALS = "__main____Globals";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode samSchema;
    private static JsonSchemaFactory factory;

    @BeforeAll
    static void readSamSchema() throws IOException {
        Path file = Path.of(System.getProperty("user.dir"), "..", "shared", "sam-schema", "sam.schema.json").normalize();
        assumeTrue(Files.isRegularFile(file), "AWS SAM's schema not found at " + file + "; the template cannot be checked against it");
        samSchema = JSON.readTree(file.toFile());
        // SAM's schema annotates properties with two keywords of its own for its documentation; they validate nothing.
        JsonMetaSchema draft4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                .keyword(new NonValidationKeyword("markdownDescription"))
                .keyword(new NonValidationKeyword("__samPassThrough"))
                .build();
        factory = JsonSchemaFactory.builder().defaultMetaSchemaIri(draft4.getIri()).metaSchema(draft4).build();
    }

    @Test
    void everyServerlessResourceAndTheGlobalsPassSamsSchema() {
        Map<String, Object> template = SamTemplate.read().raw();
        List<String> problems = new ArrayList<>();
        problems.addAll(violations("Globals", GLOBALS, JSON.valueToTree(template.get("Globals"))));
        int checked = 0;
        for (var resource : SamTemplate.map(template.get("Resources")).entrySet()) {
            JsonNode node = JSON.valueToTree(resource.getValue());
            String type = node.path("Type").asText();
            if (type.startsWith(SERVERLESS)) {
                problems.addAll(violations(resource.getKey(), definitionOf(type), node));
                checked++;
            }
        }

        assertEquals(List.of(), problems);
        assertTrue(checked > 0, "the template has no AWS::Serverless::* resource to check");
    }

    @Test
    void aResourceSamWouldRefuseIsCaught() throws IOException {
        JsonNode api = JSON.readTree("""
                { "Type": "AWS::Serverless::HttpApi",
                  "Properties": { "Description": { "Fn::Sub": "booking-chat ${Stage}" } } }""");

        List<String> problems = violations("HttpApi", definitionOf("AWS::Serverless::HttpApi"), api);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Description"), problems.toString());
    }

    /** The definition SAM's schema gives a resource type: the one of the Resources alternatives whose Type names it. */
    private static String definitionOf(String type) {
        for (JsonNode alternative : samSchema.path("properties").path("Resources").path("additionalProperties").path("anyOf")) {
            String name = alternative.path("$ref").asText().replace("#/definitions/", "");
            for (JsonNode allowed : samSchema.path("definitions").path(name).path("properties").path("Type").path("enum")) {
                if (allowed.asText().equals(type)) {
                    return name;
                }
            }
        }
        throw new AssertionError(type + " is not a resource type SAM's schema knows");
    }

    private static List<String> violations(String what, String definition, JsonNode instance) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", samSchema.path("$schema").asText());
        root.set("definitions", samSchema.path("definitions"));
        root.put("$ref", "#/definitions/" + definition);
        JsonSchema schema = factory.getSchema(root);
        return schema.validate(instance).stream().map(ValidationMessage::toString).map(error -> what + ": " + error).toList();
    }
}
