package com.bookingchat.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Every failure leaves as problem details with a stable code; nothing internal reaches the client. */
class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    Response service(ServiceException e) {
        if (e.code().status() >= 500) {
            LOG.warnf("%s: %s", e.code(), e.getMessage());
        }
        Response.ResponseBuilder response = problem(e.code(), e.getMessage(), null);
        e.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, Math.max(1, wait.toSeconds())));
        if (e.code() == ErrorCode.UNAUTHENTICATED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    @ServerExceptionMapper
    Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(ErrorCode.VALIDATION_FAILED, detail, errors).build();
    }

    @ServerExceptionMapper
    Response unreadable(JsonProcessingException e) {
        String where = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? "field " + path(mapping) + " has a value of the wrong type or form"
                : "the body is not valid JSON" + (e.getLocation() == null ? ""
                        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        return problem(ErrorCode.MALFORMED_REQUEST, where, null).build();
    }

    /** Quarkus maps this subtype itself, with a body of its own shape, unless told otherwise here. */
    @ServerExceptionMapper
    Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        ErrorCode code = switch (e.getResponse().getStatus()) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        if (code == null) {
            return unexpected(e);
        }
        return problem(code, code.title(), null).build();
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e) {
        if (databaseUnavailable(e)) {
            LOG.warnf("database unavailable: %s", e.getMessage());
            return problem(ErrorCode.DATABASE_UNAVAILABLE, "The database cannot be reached; retry shortly", null)
                    .header(HttpHeaders.RETRY_AFTER, 1).build();
        }
        LOG.error("unexpected failure", e);
        return problem(ErrorCode.INTERNAL_ERROR, "The request failed unexpectedly", null).build();
    }

    /** Connection-class failures (SQLSTATE 08, 57P, pool timeouts), anywhere in the cause chain. */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static Response.ResponseBuilder problem(ErrorCode code, String detail, List<Problem.FieldError> errors) {
        return Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(Problem.of(code, detail, errors));
    }

    /** "create.request.participants[0].userId" names the body's field for the client as "participants[0].userId". */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
