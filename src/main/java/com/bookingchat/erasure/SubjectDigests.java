package com.bookingchat.erasure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.persistence.UserType;

/**
 * The keyed digest that stands for an erased person in the erasure record: HMAC-SHA256 of "userType:userId".
 * Without the key nobody can test whether a given person was erased, and the same person always gets the
 * same digest, which is what makes a repeated erasure find its record.
 */
@ApplicationScoped
class SubjectDigests {

    private static final int MIN_KEY_LENGTH = 32;

    private final ErasureConfig config;

    SubjectDigests(ErasureConfig config) {
        this.config = config;
    }

    String of(UserType userType, String userId) {
        String key = config.digestKey().filter(k -> k.length() >= MIN_KEY_LENGTH).orElseThrow(() -> new IllegalStateException(
                "booking-chat.erasure.digest-key must be set to at least " + MIN_KEY_LENGTH + " characters (the erasure secret)"));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(hmac.doFinal((userType.wire() + ":" + userId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }
}
