package com.bookingchat.identity;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Dev mode only: plain HTTP requests to the dev server carry no authorizer claims, so the caller is named
 * by headers: an app user by {@code X-Dev-User-Id} and {@code X-Dev-User-Type}, a system client by
 * {@code X-Dev-Client-Id} and {@code X-Dev-Scope} (space-separated, as the scope claim). The bean is removed
 * from test and production builds.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevHeaderAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String USER_ID_HEADER = "X-Dev-User-Id";
    static final String USER_TYPE_HEADER = "X-Dev-User-Type";
    static final String CLIENT_ID_HEADER = "X-Dev-Client-Id";
    static final String SCOPE_HEADER = "X-Dev-Scope";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        HttpServerRequest request = context.request();
        if (request.getHeader(USER_TYPE_HEADER) == null && request.getHeader(CLIENT_ID_HEADER) != null) {
            return Uni.createFrom().optional(CallerIdentities.system(request.getHeader(CLIENT_ID_HEADER),
                    ClaimsIdentityProvider.scopes(request.getHeader(SCOPE_HEADER))));
        }
        return Uni.createFrom().optional(CallerIdentities.of(request.getHeader(USER_ID_HEADER),
                request.getHeader(USER_TYPE_HEADER)));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
