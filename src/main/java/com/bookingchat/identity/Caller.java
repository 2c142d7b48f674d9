package com.bookingchat.identity;

import com.bookingchat.persistence.UserType;

/** The authenticated user behind a request, taken from the JWT authorizer's claims. */
public record Caller(String userId, UserType userType) {
}
