package com.bookingchat.api;

import static com.bookingchat.Lambda.ANONYMOUS;
import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The access token an app's Conversations SDK connects with, decoded the way Twilio reads it. */
@QuarkusTest
class AccessTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "twilio.access-token.ttl")
    Duration ttl;

    @ConfigProperty(name = "twilio.access-token.api-key-sid")
    String apiKeySid;

    @ConfigProperty(name = "twilio.access-token.api-key-secret")
    String apiKeySecret;

    @ConfigProperty(name = "twilio.access-token.conversations-service-sid")
    String serviceSid;

    @ConfigProperty(name = "twilio.access-token.push-credential.ios")
    String iosCredential;

    @ConfigProperty(name = "twilio.access-token.push-credential.android")
    String androidCredential;

    @ConfigProperty(name = "twilio.account-sid")
    String accountSid;

    @Test
    void theTokenSpeaksForTheCallerAndOpensTheConversationsServiceForTheConfiguredTime() throws Exception {
        for (As caller : new As[] { CUSTOMER, PROVIDER }) {
            long before = Instant.now().getEpochSecond();
            Reply reply = Lambda.post(caller, "/tokens", null);
            long after = Instant.now().getEpochSecond();

            assertEquals(200, reply.status(), reply.body());
            assertEquals(caller.userId(), reply.json().getString("identity"));
            String[] jwt = reply.json().getString("token").split("\\.");
            JsonNode header = decode(jwt[0]);
            JsonNode claims = decode(jwt[1]);
            assertEquals("HS256", header.path("alg").asText());
            assertEquals("twilio-fpa;v=1", header.path("cty").asText());
            assertEquals(signature(jwt[0] + "." + jwt[1]), jwt[2], "signed with the API key's secret");
            assertEquals(apiKeySid, claims.path("iss").asText());
            assertEquals(accountSid, claims.path("sub").asText());
            assertEquals(caller.userId(), claims.path("grants").path("identity").asText());
            assertEquals(serviceSid, claims.path("grants").path("chat").path("service_sid").asText());
            // twilio-java's token has no iat: the lifetime is measured from the request's start and end instead.
            long exp = claims.path("exp").asLong();
            assertTrue(exp >= before + ttl.toSeconds() && exp <= after + ttl.toSeconds(),
                    "exp " + exp + " is " + ttl + " after the request");
            assertEquals(Instant.ofEpochSecond(exp), Instant.parse(reply.json().getString("expiresAt")));
            assertTrue(reply.json().getString("expiresAt").endsWith("Z"), "expiresAt is UTC");
        }
    }

    @Test
    void eachPlatformsTokenNamesItsPushCredentialAndTheAnswerSaysWhetherPushIsOn() throws Exception {
        Map<String, String> credentials = Map.of("ios", iosCredential, "android", androidCredential);
        for (String platform : List.of("ios", "android")) {
            Reply reply = Lambda.post(CUSTOMER, "/tokens", "{\"platform\":\"" + platform + "\"}");

            assertEquals(200, reply.status(), reply.body());
            assertTrue(reply.json().getBoolean("push"), platform);
            JsonNode chat = chatGrant(reply);
            assertEquals(serviceSid, chat.path("service_sid").asText());
            assertEquals(credentials.get(platform), chat.path("push_credential_sid").asText(), platform);
        }
    }

    @Test
    void aPlatformWithoutACredentialOrNoPlatformGetsATokenWithoutPush() throws Exception {
        for (String body : Arrays.asList("{\"platform\":\"web\"}", "{}", "{\"platform\":null}", null)) {
            Reply reply = Lambda.post(PROVIDER, "/tokens", body);

            assertEquals(200, reply.status(), body + ": " + reply.body());
            assertFalse(reply.json().getBoolean("push"), body);
            JsonNode chat = chatGrant(reply);
            assertEquals(serviceSid, chat.path("service_sid").asText());
            assertTrue(chat.path("push_credential_sid").isMissingNode(), body + ": " + chat);
        }
    }

    @Test
    void anUnknownOrWronglyTypedPlatformIsRefused() {
        Reply unknown = Lambda.post(CUSTOMER, "/tokens", "{\"platform\":\"blackberry\"}");
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("VALIDATION_FAILED", unknown.code());
        assertEquals("platform", unknown.json().getString("errors[0].field"));

        Reply number = Lambda.post(CUSTOMER, "/tokens", "{\"platform\":1}");
        assertEquals(400, number.status(), number.body());
        assertEquals("MALFORMED_REQUEST", number.code());
    }

    /** The apps' first releases send no body; a client generated from the document must not have to either. */
    @Test
    void thePublishedDocumentMakesTheBodyOptional() throws Exception {
        JsonNode body = JSON.readTree(Path.of("target", "openapi", "openapi.json").toFile())
                .path("paths").path("/tokens").path("post").path("requestBody");

        assertTrue(body.has("content"), body.toString());
        assertFalse(body.path("required").asBoolean(false), body.toString());
    }

    @Test
    void withoutClaimsThereIsNoToken() {
        Reply reply = Lambda.post(ANONYMOUS, "/tokens", null);

        assertEquals(401, reply.status(), reply.body());
        assertEquals("UNAUTHENTICATED", reply.code());
    }

    private static JsonNode chatGrant(Reply reply) throws Exception {
        return decode(reply.json().getString("token").split("\\.")[1]).path("grants").path("chat");
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }

    private String signature(String signedPart) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(apiKeySecret.getBytes(UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.doFinal(signedPart.getBytes(UTF_8)));
    }
}
