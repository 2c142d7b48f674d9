package com.bookingchat.twilio;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.deployment.RequiredSetting;
import com.bookingchat.service.WebhookSignatures;
import com.twilio.security.RequestValidator;

/** Checks X-Twilio-Signature with twilio-java's validator, keyed with the account's auth token as Twilio signs. */
@ApplicationScoped
class TwilioWebhookSignatures implements WebhookSignatures {

    private final RequestValidator validator;

    TwilioWebhookSignatures(TwilioConfig config) {
        this.validator = new RequestValidator(RequiredSetting.of(config.authToken(), "twilio.auth-token"));
    }

    @Override
    public boolean signedByTwilio(String url, Map<String, String> formParameters, String signature) {
        return validator.validate(url, formParameters, signature);
    }
}
