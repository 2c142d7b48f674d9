package com.bookingchat.api;

import static com.bookingchat.service.ErrorCode.BOOKING_MISMATCH;
import static com.bookingchat.service.ErrorCode.CONTACT_DETAILS_NOT_ALLOWED;
import static com.bookingchat.service.ErrorCode.CONVERSATION_CLOSED;
import static com.bookingchat.service.ErrorCode.CONVERSATION_NOT_FOUND;
import static com.bookingchat.service.ErrorCode.DATABASE_UNAVAILABLE;
import static com.bookingchat.service.ErrorCode.ERASURE_INCOMPLETE;
import static com.bookingchat.service.ErrorCode.ERASURE_IN_PROGRESS;
import static com.bookingchat.service.ErrorCode.FORBIDDEN;
import static com.bookingchat.service.ErrorCode.IDEMPOTENCY_KEY_IN_USE;
import static com.bookingchat.service.ErrorCode.IDEMPOTENCY_KEY_REUSED;
import static com.bookingchat.service.ErrorCode.INTERNAL_ERROR;
import static com.bookingchat.service.ErrorCode.MALFORMED_REQUEST;
import static com.bookingchat.service.ErrorCode.NOT_ACCEPTABLE;
import static com.bookingchat.service.ErrorCode.RATE_LIMITED;
import static com.bookingchat.service.ErrorCode.TWILIO_ERROR;
import static com.bookingchat.service.ErrorCode.TWILIO_UNAVAILABLE;
import static com.bookingchat.service.ErrorCode.UNAUTHENTICATED;
import static com.bookingchat.service.ErrorCode.UNSUPPORTED_MEDIA_TYPE;
import static com.bookingchat.service.ErrorCode.VALIDATION_FAILED;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

import com.bookingchat.service.ErrorCode;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Adds to each operation of the generated OpenAPI document the problem+json answers it can give, one per
 * status, naming their codes, so the apps' generated clients know the error shape of exactly the statuses
 * they can meet. It runs when the document is built, so no function spends its cold start on it, and fails the
 * build when an operation has no list here, so a new operation cannot go out with its errors undocumented.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    private static final String SCHEMA = "Problem";

    /**
     * Any operation: the claims and the caller's kind (an app user or a system client) are checked, the answer
     * is JSON, and anything unforeseen is a 500.
     */
    private static final Set<ErrorCode> EVERY_OPERATION =
            EnumSet.of(UNAUTHENTICATED, FORBIDDEN, NOT_ACCEPTABLE, INTERNAL_ERROR);

    /** What each operation adds, by operationId. */
    private static final Map<String, Set<ErrorCode>> BY_OPERATION = Map.ofEntries(
            Map.entry("createBookingConversation", EnumSet.of(VALIDATION_FAILED, MALFORMED_REQUEST, UNSUPPORTED_MEDIA_TYPE,
                    CONVERSATION_NOT_FOUND, CONVERSATION_CLOSED, TWILIO_ERROR, TWILIO_UNAVAILABLE, DATABASE_UNAVAILABLE)),
            Map.entry("sendMessage", EnumSet.of(VALIDATION_FAILED, MALFORMED_REQUEST, UNSUPPORTED_MEDIA_TYPE,
                    CONVERSATION_NOT_FOUND, BOOKING_MISMATCH, CONVERSATION_CLOSED, IDEMPOTENCY_KEY_IN_USE,
                    IDEMPOTENCY_KEY_REUSED, CONTACT_DETAILS_NOT_ALLOWED, RATE_LIMITED, TWILIO_ERROR, TWILIO_UNAVAILABLE,
                    DATABASE_UNAVAILABLE)),
            // Twilio failures while closing are left for the scheduled run, so none reaches the booking system
            Map.entry("updateBookingStatus", EnumSet.of(VALIDATION_FAILED, MALFORMED_REQUEST, UNSUPPORTED_MEDIA_TYPE,
                    DATABASE_UNAVAILABLE)),
            // the inbox reads PostgreSQL only
            Map.entry("getConversationsForUser", EnumSet.of(VALIDATION_FAILED, DATABASE_UNAVAILABLE)),
            Map.entry("getMessages", EnumSet.of(VALIDATION_FAILED, CONVERSATION_NOT_FOUND, TWILIO_ERROR, TWILIO_UNAVAILABLE,
                    DATABASE_UNAVAILABLE)),
            Map.entry("markAsRead", EnumSet.of(VALIDATION_FAILED, CONVERSATION_NOT_FOUND, TWILIO_ERROR, TWILIO_UNAVAILABLE,
                    DATABASE_UNAVAILABLE)),
            // tokens are signed here, without a database or a call to Twilio; the optional body names a platform
            Map.entry("createAccessToken", EnumSet.of(VALIDATION_FAILED, MALFORMED_REQUEST, UNSUPPORTED_MEDIA_TYPE)),
            Map.entry("getNotificationPreferences", EnumSet.of(DATABASE_UNAVAILABLE)),
            Map.entry("updateNotificationPreferences", EnumSet.of(VALIDATION_FAILED, MALFORMED_REQUEST, UNSUPPORTED_MEDIA_TYPE,
                    DATABASE_UNAVAILABLE)),
            // support reads (a missing reason is a VALIDATION_FAILED)
            Map.entry("supportFindBookingConversations", EnumSet.of(VALIDATION_FAILED, DATABASE_UNAVAILABLE)),
            Map.entry("supportGetMessages", EnumSet.of(VALIDATION_FAILED, CONVERSATION_NOT_FOUND, TWILIO_ERROR,
                    TWILIO_UNAVAILABLE, DATABASE_UNAVAILABLE)),
            Map.entry("eraseUser", EnumSet.of(VALIDATION_FAILED, ERASURE_IN_PROGRESS, ERASURE_INCOMPLETE, TWILIO_ERROR,
                    TWILIO_UNAVAILABLE, DATABASE_UNAVAILABLE)));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        Set<String> unlisted = new HashSet<>(BY_OPERATION.keySet());
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(operation -> {
            unlisted.remove(operation.getOperationId());
            addProblems(operation);
        }));
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("problem codes listed for operations the API does not have: " + unlisted);
        }
    }

    private static void addProblems(Operation operation) {
        Set<ErrorCode> specific = BY_OPERATION.get(operation.getOperationId());
        if (specific == null) {
            throw new IllegalStateException("the problem codes of operation " + operation.getOperationId()
                    + " (" + operation.getSummary() + ") are not listed in " + ProblemResponsesFilter.class.getName());
        }
        Set<ErrorCode> codes = EnumSet.copyOf(EVERY_OPERATION);
        codes.addAll(specific);
        Map<Integer, String> byStatus = codes.stream().collect(Collectors.groupingBy(ErrorCode::status, TreeMap::new,
                Collectors.mapping(ErrorCode::name, Collectors.joining(" or "))));
        byStatus.forEach((status, names) -> operation.getResponses().addAPIResponse(status.toString(),
                OASFactory.createAPIResponse()
                        .description(names)
                        .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                                OASFactory.createMediaType().schema(OASFactory.createSchema()
                                        .ref("#/components/schemas/" + SCHEMA))))));
    }

    /** Problem's own shape: it leaves out what is null, so only {@code errors} is ever absent. */
    private static Schema problemSchema() {
        Schema field = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string()).addProperty("message", string())
                .addRequired("field").addRequired("message");
        Schema code = string();
        for (ErrorCode value : ErrorCode.values()) {
            code.addEnumeration(value.name());
        }
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", string())
                .addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string())
                .addProperty("code", code)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(field)
                        .description("the fields that failed validation, when a VALIDATION_FAILED names them"))
                .required(List.of("type", "title", "status", "detail", "code"));
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }
}
