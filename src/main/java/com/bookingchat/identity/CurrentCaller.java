package com.bookingchat.identity;

import jakarta.enterprise.context.RequestScoped;

import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

import io.quarkus.security.identity.SecurityIdentity;

/** The caller of the current request; asking for it without valid claims is a 401. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        return CallerIdentities.callerOf(identity).orElseThrow(() -> new ServiceException(ErrorCode.UNAUTHENTICATED,
                "The request carries no valid user id and user type claims"));
    }
}
