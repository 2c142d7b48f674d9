package com.bookingchat.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Makes the JSON response schemas of the generated OpenAPI document list every property as required. That is
 * what Jackson writes: the records the resources return have no {@code NON_NULL} inclusion, so every property
 * is in every answer, null when empty, and a generated client must not make the app check for it. Which
 * properties can be null is said on the records' components with {@code @Schema(nullable = true)}. Runs when
 * the document is built, like {@link ProblemResponsesFilter}, which gives the problem schema its own list.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ResponseSchemasFilter implements OASFilter {

    private static final String COMPONENT = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        Set<String> visited = new HashSet<>();
        openAPI.getPaths().getPathItems().values().stream()
                .flatMap(path -> path.getOperations().values().stream())
                .flatMap(operation -> operation.getResponses().getAPIResponses().values().stream())
                .map(APIResponse::getContent)
                .filter(content -> content != null && content.hasMediaType(MediaType.APPLICATION_JSON))
                .forEach(content -> requireAll(content.getMediaType(MediaType.APPLICATION_JSON).getSchema(),
                        components, visited));
    }

    private static void requireAll(Schema schema, Map<String, Schema> components, Set<String> visited) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(COMPONENT.length());
            if (visited.add(name)) {
                requireAll(components.get(name), components, visited);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            schema.getProperties().values().forEach(property -> {
                nullableReferenceAsAnyOfOnly(property);
                requireAll(property, components, visited);
            });
        }
        requireAll(schema.getItems(), components, visited);
        if (schema.getAnyOf() != null) {
            schema.getAnyOf().forEach(option -> requireAll(option, components, visited));
        }
    }

    /**
     * A nullable reference comes out as {@code anyOf: [$ref, null]} plus a {@code type} guessed from the
     * referenced schema, which says the same again and makes openapi-typescript write
     * {@code ((string | Instant | null) | null) | Instant | null}; {@code anyOf} alone says it once.
     */
    private static void nullableReferenceAsAnyOfOnly(Schema property) {
        if (property.getAnyOf() != null && property.getAnyOf().stream().anyMatch(option -> option.getRef() != null)) {
            property.setType(null);
        }
    }
}
