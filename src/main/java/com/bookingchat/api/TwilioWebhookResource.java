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

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Twilio's Conversations webhooks, post-event and pre-event at the same URL. Twilio signs them instead of sending
 * a JWT; they are left out of the OpenAPI document because the apps never call them. A pre-event whose message
 * the gate masked is answered with {@code {"body": "..."}}, which Twilio posts instead of what the SDK sent.
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
    public RestResponse<PreEventAnswer> receive(@HeaderParam(SIGNATURE_HEADER) String signature,
            MultivaluedMap<String, String> form, @Context APIGatewayV2HTTPEvent event) {
        Map<String, String> parameters = new LinkedHashMap<>();
        form.forEach((name, values) -> parameters.put(name, values.get(0)));
        return webhooks.receive(WebhookUrl.of(RequiredSetting.of(config.publicBaseUrl(), "booking-chat.webhook.public-base-url"), event),
                        signature, parameters)
                .map(body -> RestResponse.ok(new PreEventAnswer(body), MediaType.APPLICATION_JSON_TYPE))
                .orElseGet(RestResponse::ok);
    }

    /** The fields of a message Twilio changes before posting it, as its pre-event webhook contract names them. */
    @RegisterForReflection
    public record PreEventAnswer(String body) {
    }
}
