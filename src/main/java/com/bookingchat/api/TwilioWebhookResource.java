package com.bookingchat.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.bookingchat.deployment.RequiredSetting;
import com.bookingchat.service.WebhookService;

/**
 * Twilio's Conversations post-event webhook. Twilio signs it instead of sending a JWT; it is left out of the
 * OpenAPI document because the apps never call it.
 */
@Path("/twilio/webhook")
public class TwilioWebhookResource {

    private static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private final WebhookService webhooks;
    private final WebhookConfig config;

    TwilioWebhookResource(WebhookService webhooks, WebhookConfig config) {
        this.webhooks = webhooks;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public RestResponse<Void> receive(@HeaderParam(SIGNATURE_HEADER) String signature,
            MultivaluedMap<String, String> form, @Context APIGatewayV2HTTPEvent event) {
        Map<String, String> parameters = new LinkedHashMap<>();
        form.forEach((name, values) -> parameters.put(name, values.get(0)));
        webhooks.receive(WebhookUrl.of(RequiredSetting.of(config.publicBaseUrl(), "booking-chat.webhook.public-base-url"), event), signature, parameters);
        return RestResponse.ok();
    }
}
