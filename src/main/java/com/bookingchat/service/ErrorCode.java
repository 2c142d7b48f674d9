package com.bookingchat.service;

/** The stable error codes clients switch on; the HTTP status and title travel with each. */
public enum ErrorCode {
    VALIDATION_FAILED(400, "The request is not valid"),
    MALFORMED_REQUEST(400, "The request body could not be read"),
    UNAUTHENTICATED(401, "No authenticated caller"),
    INVALID_SIGNATURE(403, "The request is not signed by Twilio"),
    FORBIDDEN(403, "The caller may not use this route"),
    INVALID_UNSUBSCRIBE_LINK(403, "The unsubscribe link is not valid"),
    NOT_FOUND(404, "No such resource"),
    CONVERSATION_NOT_FOUND(404, "Conversation not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    BOOKING_MISMATCH(409, "The conversation belongs to another booking"),
    IDEMPOTENCY_KEY_IN_USE(409, "A request with this Idempotency-Key is still in progress"),
    CONVERSATION_CLOSED(409, "The conversation is closed"),
    ERASURE_IN_PROGRESS(409, "An erasure of this person is in progress"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was used for another request"),
    CONTACT_DETAILS_NOT_ALLOWED(422, "Contact details are not allowed before the booking is confirmed"),
    RATE_LIMITED(429, "Too many messages"),
    INTERNAL_ERROR(500, "Internal error"),
    TWILIO_ERROR(502, "Twilio rejected the request"),
    TWILIO_UNAVAILABLE(503, "Twilio is unavailable"),
    ERASURE_INCOMPLETE(503, "The erasure is not finished yet"),
    DATABASE_UNAVAILABLE(503, "The database is unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
