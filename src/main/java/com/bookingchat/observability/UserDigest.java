package com.bookingchat.observability;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The name logs give a user: an HMAC-SHA256 of the user type and id under a key of the deployment's, cut to
 * 128 bits. The same user reads the same in every line, so one person's requests can be followed, while the
 * id itself never reaches the logs and, without the key, a list of known ids cannot be hashed to find them.
 */
@ApplicationScoped
class UserDigest {

    private static final String ALGORITHM = "HmacSHA256";

    private final Optional<SecretKeySpec> key;

    UserDigest(ObservabilityConfig config) {
        this.key = config.userDigestKey().filter(k -> !k.isBlank()).map(k -> new SecretKeySpec(k.getBytes(UTF_8), ALGORITHM));
    }

    /** The user's digest; empty where this function has no key (it serves no app users). */
    Optional<String> of(String userType, String userId) {
        return key.map(secret -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(secret);
                byte[] digest = mac.doFinal((userType + '\n' + userId).getBytes(UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
        });
    }
}
