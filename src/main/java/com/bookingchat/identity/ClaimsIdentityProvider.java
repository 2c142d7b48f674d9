package com.bookingchat.identity;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;

import io.quarkus.amazon.lambda.http.DefaultLambdaIdentityProvider;
import io.quarkus.amazon.lambda.http.LambdaIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * Reads the caller from any API Gateway JWT authorizer's claims (the built-in provider only knows
 * Cognito's {@code cognito:username}); for Cognito, IAM and Lambda authorizers without the user id
 * claim it falls back to the principal the default provider finds.
 */
@ApplicationScoped
public class ClaimsIdentityProvider implements LambdaIdentityProvider {

    private final IdentityConfig config;

    ClaimsIdentityProvider(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public SecurityIdentity authenticate(APIGatewayV2HTTPEvent event) {
        Map<String, ?> claims = claimsOf(event);
        Object userId = claims.get(config.userIdClaim());
        if (userId == null) {
            SecurityIdentity fallback = DefaultLambdaIdentityProvider.authenticate(event, false);
            userId = fallback == null ? null : fallback.getPrincipal().getName();
        }
        Object userType = claims.get(config.userTypeClaim());
        // Claims that name nobody valid leave the request anonymous, so the API answers its own 401 problem
        // instead of the security layer's empty one.
        return CallerIdentities.of(asString(userId), asString(userType))
                .orElseGet(() -> QuarkusSecurityIdentity.builder().setAnonymous(true).build());
    }

    private static Map<String, ?> claimsOf(APIGatewayV2HTTPEvent event) {
        Authorizer authorizer = event.getRequestContext() == null ? null : event.getRequestContext().getAuthorizer();
        if (authorizer == null) {
            return Map.of();
        }
        if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
            return authorizer.getJwt().getClaims();
        }
        return authorizer.getLambda() == null ? Map.of() : authorizer.getLambda();
    }

    private static String asString(Object value) {
        return value instanceof String s ? s : null;
    }
}
