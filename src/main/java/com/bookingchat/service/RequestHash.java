package com.bookingchat.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A fingerprint of a request, so a repeated Idempotency-Key can be told from a reused one. */
final class RequestHash {

    private RequestHash() {
    }

    static String of(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                // length-prefixed, so ("ab", "c") and ("a", "bc") differ
                String value = part == null ? "" : part;
                sha256.update((value.length() + ":" + value + ";").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
