package com.bookingchat.erasure;

import com.bookingchat.persistence.UserType;

/** The person being erased, and the digest that alone is kept of them. */
public record ErasureSubject(String userId, UserType userType, String digest) {
}
