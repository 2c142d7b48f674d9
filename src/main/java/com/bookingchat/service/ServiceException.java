package com.bookingchat.service;

import java.time.Duration;
import java.util.Optional;

/** A failure the caller is told about with a stable code; the API maps it to problem details. */
public class ServiceException extends RuntimeException {

    private final ErrorCode code;
    private final transient Duration retryAfter;

    public ServiceException(ErrorCode code, String detail) {
        this(code, detail, null, null);
    }

    public ServiceException(ErrorCode code, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static ServiceException conversationNotFound(String conversationSid) {
        return new ServiceException(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationSid);
    }

    public static ServiceException invalid(String detail) {
        return new ServiceException(ErrorCode.VALIDATION_FAILED, detail);
    }

    public ErrorCode code() {
        return code;
    }

    /** How long a client should wait before retrying, where waiting helps. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
