package com.bookingchat.twilio;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.deployment.RequiredSetting;
import com.bookingchat.notifications.PushPlatform;
import com.bookingchat.service.AccessTokenIssuer;
import com.bookingchat.service.IssuedToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;

/**
 * Twilio access tokens signed with an API key, granting the Conversations service to one identity, with the push
 * credential of the app's platform where one is configured.
 */
@ApplicationScoped
class TwilioAccessTokens implements AccessTokenIssuer {

    private final TwilioConfig twilio;
    private final AccessTokenConfig config;
    private final ObjectMapper json;

    TwilioAccessTokens(TwilioConfig twilio, AccessTokenConfig config, ObjectMapper json) {
        this.twilio = twilio;
        this.config = config;
        this.json = json;
    }

    @Override
    public IssuedToken issue(String identity, PushPlatform platform) {
        Optional<String> pushCredential = platform == null ? Optional.empty() : config.pushCredential().of(platform);
        // ChatGrant is the Conversations grant; ConversationsGrant is deprecated.
        ChatGrant grant = new ChatGrant().setServiceSid(RequiredSetting.of(config.conversationsServiceSid(),
                "twilio.access-token.conversations-service-sid"));
        pushCredential.ifPresent(grant::setPushCredentialSid);
        String jwt = new AccessToken.Builder(RequiredSetting.of(twilio.accountSid(), "twilio.account-sid"),
                RequiredSetting.of(config.apiKeySid(), "twilio.access-token.api-key-sid"),
                RequiredSetting.of(config.apiKeySecret(), "twilio.access-token.api-key-secret").getBytes(UTF_8))
                .identity(identity)
                .ttl((int) config.ttl().toSeconds())
                .grant(grant)
                .build()
                .toJwt();
        return new IssuedToken(jwt, identity, expiry(jwt), pushCredential.isPresent());
    }

    /** twilio-java stamps exp from its own clock; reading it back reports exactly the expiry Twilio enforces. */
    private Instant expiry(String jwt) {
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            return Instant.ofEpochSecond(claims.get("exp").asLong());
        } catch (IOException e) {
            throw new IllegalStateException("twilio-java built an access token whose payload is not JSON", e);
        }
    }
}
