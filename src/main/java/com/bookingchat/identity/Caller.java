package com.bookingchat.identity;

import com.bookingchat.persistence.UserType;

/**
 * An app user (a customer or a provider) behind a request, taken from the JWT authorizer's claims: one of the
 * two caller kinds, the other being a {@link SystemClient}. App routes serve only this kind.
 */
public record Caller(String userId, UserType userType) {
}
