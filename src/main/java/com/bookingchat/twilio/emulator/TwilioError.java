package com.bookingchat.twilio.emulator;

/**
 * A Twilio REST error raised deep inside request handling, so that one place renders
 * Twilio's error JSON for every failure path.
 */
final class TwilioError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final int code;

    TwilioError(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static TwilioError notFound(String path) {
        return new TwilioError(404, 20404, "The requested resource " + path + " was not found");
    }

    static TwilioError invalidParameter(String message) {
        return new TwilioError(400, 20001, message);
    }
}
