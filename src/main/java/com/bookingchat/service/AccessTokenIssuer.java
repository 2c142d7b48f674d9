package com.bookingchat.service;

/** Issues the access tokens the apps' Twilio Conversations SDKs connect with. */
public interface AccessTokenIssuer {

    /** A signed token for this Conversations identity, with the configured lifetime. */
    IssuedToken issue(String identity);
}
