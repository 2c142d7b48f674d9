package com.bookingchat.service;

import java.util.Map;

/** Tells Twilio's webhook requests from forgeries. */
public interface WebhookSignatures {

    /** Whether {@code signature} is Twilio's signature of this exact public URL and these form parameters. */
    boolean signedByTwilio(String url, Map<String, String> formParameters, String signature);
}
