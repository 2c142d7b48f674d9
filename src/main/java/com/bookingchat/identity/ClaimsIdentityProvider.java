package com.bookingchat.identity;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * claim it falls back to the principal the default provider finds. Claims with a user type name an app
 * user; claims without one but with a client id name a system client (a client-credentials token) with
 * the scopes of its scope claim.
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
        // Claims that name nobody valid leave the request anonymous, so the API answers its own 401 problem
        // instead of the security layer's empty one.
        return identityOf(event, claims).orElseGet(() -> QuarkusSecurityIdentity.builder().setAnonymous(true).build());
    }

    private Optional<SecurityIdentity> identityOf(APIGatewayV2HTTPEvent event, Map<String, ?> claims) {
        Object userType = claims.get(config.userTypeClaim());
        Object clientId = claims.get(config.clientIdClaim());
        if (userType == null && clientId != null) {
            return CallerIdentities.system(asString(clientId), scopes(claims.get(config.scopeClaim())));
        }
        Object userId = claims.get(config.userIdClaim());
        if (userId == null) {
            SecurityIdentity fallback = DefaultLambdaIdentityProvider.authenticate(event, false);
            userId = fallback == null ? null : fallback.getPrincipal().getName();
        }
        return CallerIdentities.of(asString(userId), asString(userType));
    }

    /**
     * The scopes of a scope claim: OAuth's space-separated string; API Gateway hands a JWT array claim over as
     * one string in brackets, and a Lambda authorizer may hand over a list.
     */
    static List<String> scopes(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(ClaimsIdentityProvider::asString).toList();
        }
        String value = asString(claim);
        if (value == null) {
            return List.of();
        }
        String trimmed = value.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return Arrays.stream(trimmed.split("\\s+")).filter(s -> !s.isEmpty()).toList();
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
