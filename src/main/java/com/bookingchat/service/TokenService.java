package com.bookingchat.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.identity.Caller;
import com.bookingchat.notifications.PushPlatform;

/** Access tokens that let the apps' Conversations SDKs receive messages in real time. */
@ApplicationScoped
public class TokenService {

    private final AccessTokenIssuer issuer;

    TokenService(AccessTokenIssuer issuer) {
        this.issuer = issuer;
    }

    /**
     * A token whose identity is the caller's user id: the identity the caller's participants were added with,
     * so the SDK sees exactly the caller's conversations.
     *
     * @param platform the app's platform, for push; null for a token without push
     */
    public IssuedToken issue(Caller caller, PushPlatform platform) {
        return issuer.issue(caller.userId(), platform);
    }
}
