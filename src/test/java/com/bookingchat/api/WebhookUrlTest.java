package com.bookingchat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/** The URL a webhook's signature is checked against, for each way API Gateway can be called. */
class WebhookUrlTest {

    private static final String EXECUTE_API = "https://a1b2c3.execute-api.eu-west-1.amazonaws.com";

    @Test
    void theDefaultStageIsServedAtTheRootOfItsDomain() {
        assertEquals(EXECUTE_API + "/twilio/webhook",
                WebhookUrl.of(EXECUTE_API, event("$default", "/twilio/webhook", "")));
    }

    @Test
    void aNamedStageCountsOnceWhetherOrNotTheBaseUrlEndsWithIt() {
        APIGatewayV2HTTPEvent event = event("prod", "/prod/twilio/webhook", "");

        assertEquals(EXECUTE_API + "/prod/twilio/webhook", WebhookUrl.of(EXECUTE_API + "/prod", event));
        assertEquals(EXECUTE_API + "/prod/twilio/webhook", WebhookUrl.of(EXECUTE_API, event));
    }

    @Test
    void aCustomDomainPutsNoStageInThePath() {
        assertEquals("https://api.booking-chat.example/twilio/webhook",
                WebhookUrl.of("https://api.booking-chat.example/", event("prod", "/twilio/webhook", null)));
    }

    @Test
    void theQueryIsKeptAsTwilioSentIt() {
        assertEquals(EXECUTE_API + "/twilio/webhook?tenant=a%20b&x=1",
                WebhookUrl.of(EXECUTE_API, event("$default", "/twilio/webhook", "tenant=a%20b&x=1")));
    }

    @Test
    void aPlainHttpRequestFromTheMockEventServerHasNoStage() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/twilio/webhook");

        assertEquals("http://localhost:8081/twilio/webhook", WebhookUrl.of("http://localhost:8081", event));
    }

    private static APIGatewayV2HTTPEvent event(String stage, String rawPath, String rawQuery) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setStage(stage);
        event.setRequestContext(context);
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery);
        return event;
    }
}
