package com.bookingchat.service;

import com.bookingchat.notifications.PushPlatform;

/** Issues the access tokens the apps' Twilio Conversations SDKs connect with. */
public interface AccessTokenIssuer {

    /**
     * A signed token for this Conversations identity, with the configured lifetime; for a platform with a
     * push credential configured, its chat grant names that credential so Twilio pushes new messages to the app.
     *
     * @param platform the app's platform, or null for a token without push
     */
    IssuedToken issue(String identity, PushPlatform platform);
}
