package com.bookingchat.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import com.bookingchat.service.ErrorCode;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Adds the problem+json answers every operation can give to the generated OpenAPI document, so the apps'
 * generated clients know the error shape and its codes. It runs when the document is built, so no function
 * spends its cold start on it.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    private static final String SCHEMA = "Problem";
    private static final Map<String, String> RESPONSES = Map.of(
            "400", "VALIDATION_FAILED or MALFORMED_REQUEST",
            "401", "UNAUTHENTICATED: no valid user id and user type claims",
            "404", "CONVERSATION_NOT_FOUND, also for a conversation the caller does not take part in",
            "409", "BOOKING_MISMATCH",
            "502", "TWILIO_ERROR",
            "503", "TWILIO_UNAVAILABLE or DATABASE_UNAVAILABLE; retry after the Retry-After header");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema field = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string).addProperty("message", string);
        Schema code = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        for (ErrorCode value : ErrorCode.values()) {
            code.addEnumeration(value.name());
        }
        openAPI.getComponents().addSchema(SCHEMA, OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", string)
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("code", code)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(field)));
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(operation -> {
            APIResponses responses = operation.getResponses();
            RESPONSES.forEach((status, description) -> responses.addAPIResponse(status, OASFactory.createAPIResponse()
                    .description(description)
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema()
                                    .ref("#/components/schemas/" + SCHEMA))))));
        }));
    }
}
