package com.bookingchat.api;

import java.util.List;
import java.util.Locale;

import com.bookingchat.service.ErrorCode;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body with the stable {@code code} clients switch on; {@code errors} lists
 * the offending fields of a request that failed validation. Registered for reflection because exception
 * mappers hand it over inside a plain {@code Response}, where Quarkus cannot see the type to register it.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        return new Problem("urn:booking-chat:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                code.title(), code.status(), detail, code.name(), errors);
    }

    /** One field that failed validation. */
    public record FieldError(String field, String message) {
    }
}
