package com.bookingchat.notifications;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.deployment.RequiredSetting;
import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

/**
 * Links that turn one notification channel off for one user without a login, as an e-mail client opens them:
 * the user id and channel signed with HMAC-SHA256 under a key only this service holds. A link does not expire:
 * an old e-mail's link must still work (the law in many places asks for that), and all it can do is switch a
 * channel off.
 */
@ApplicationScoped
class UnsubscribeLinks {

    /** The route the links open (UnsubscribeResource). */
    static final String PATH = "/notifications/unsubscribe";
    private static final String ALGORITHM = "HmacSHA256";

    private final NotificationsConfig config;

    UnsubscribeLinks(NotificationsConfig config) {
        this.config = config;
    }

    /** The absolute link that unsubscribes {@code userId} from {@code channel}. */
    String link(String userId, NotificationChannel channel) {
        return RequiredSetting.of(config.publicBaseUrl(), "booking-chat.notifications.public-base-url")
                .replaceAll("/+$", "") + PATH
                + "?user=" + URLEncoder.encode(userId, UTF_8)
                + "&channel=" + channel.wire()
                + "&signature=" + sign(userId, channel.wire());
    }

    /** The channel a genuine link names; any other link is refused whole. */
    NotificationChannel verify(String userId, String channel, String signature) {
        if (userId == null || channel == null || signature == null
                || !MessageDigest.isEqual(sign(userId, channel).getBytes(UTF_8), signature.getBytes(UTF_8))) {
            throw new ServiceException(ErrorCode.INVALID_UNSUBSCRIBE_LINK, "The link is incomplete or not signed by booking-chat");
        }
        // Only links this service made get here, and it makes them for digest channels only.
        return Arrays.stream(NotificationChannel.values()).filter(c -> c.wire().equals(channel)).findFirst()
                .orElseThrow(() -> new ServiceException(ErrorCode.INVALID_UNSUBSCRIBE_LINK, "No channel " + channel));
    }

    private String sign(String userId, String channel) {
        String key = RequiredSetting.of(config.unsubscribeKey(), "booking-chat.notifications.unsubscribe-key");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(UTF_8), ALGORITHM));
            // The separator cannot occur in a channel, so no other (user, channel) pair signs the same bytes.
            byte[] digest = mac.doFinal((channel + "\n" + userId).getBytes(UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
