package com.bookingchat.notifications;

import static com.bookingchat.Lambda.ANONYMOUS;
import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;

import io.quarkus.test.junit.QuarkusTest;

/** GET and PUT /me/notification-preferences: each caller's own, validated, and what the app does about push. */
@QuarkusTest
class NotificationPreferencesTest {

    private static final String PATH = "/me/notification-preferences";
    private static final String NIGHTS_OFF = """
            {"push":false,"sms":true,"email":false,"timeZone":"America/New_York","quietHours":{"start":"22:00","end":"08:00"}}""";

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void cleanSlate() {
        fixtures.reset();
    }

    @Test
    void aCallerWhoNeverSavedAnyHasEveryChannelOnInUtcWithoutQuietHours() {
        Reply reply = Lambda.get(CUSTOMER, PATH);

        assertEquals(200, reply.status(), reply.body());
        Map<String, Object> defaults = new HashMap<>(Map.of("push", true, "sms", true, "email", true,
                "timeZone", "UTC", "registerForPush", true));
        defaults.put("quietHours", null);
        assertEquals(defaults, reply.json().getMap(""));
        assertEquals(0, fixtures.count("notification_preferences"), "reading writes nothing");
    }

    @Test
    void savedPreferencesAreTheCallersOwnAndSayWhetherToRegisterForPush() {
        Reply saved = put(CUSTOMER, NIGHTS_OFF);
        Reply read = Lambda.get(CUSTOMER, PATH);

        for (Reply reply : new Reply[] { saved, read }) {
            assertEquals(200, reply.status(), reply.body());
            assertEquals(false, reply.json().getBoolean("push"));
            assertEquals(false, reply.json().getBoolean("registerForPush"));
            assertEquals(true, reply.json().getBoolean("sms"));
            assertEquals(false, reply.json().getBoolean("email"));
            assertEquals("America/New_York", reply.json().getString("timeZone"));
            assertEquals(Map.of("start", "22:00", "end", "08:00"), reply.json().getMap("quietHours"));
        }
        assertEquals(true, Lambda.get(PROVIDER, PATH).json().getBoolean("email"), "another caller's are untouched");

        Reply changed = put(CUSTOMER, "{\"push\":true,\"sms\":true,\"email\":true,\"timeZone\":\"Asia/Tokyo\"}");

        assertEquals(200, changed.status(), changed.body());
        assertEquals(true, Lambda.get(CUSTOMER, PATH).json().getBoolean("registerForPush"));
        assertEquals(null, Lambda.get(CUSTOMER, PATH).json().getMap("quietHours"), "a PUT replaces the whole set");
        assertEquals(1, fixtures.count("notification_preferences"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown zone", NIGHTS_OFF.replace("America/New_York", "Mars/Olympus_Mons"), "VALIDATION_FAILED"),
                Arguments.of("a fixed offset, not a zone", NIGHTS_OFF.replace("America/New_York", "+02:00"), "VALIDATION_FAILED"),
                Arguments.of("no zone", NIGHTS_OFF.replace("\"timeZone\":\"America/New_York\",", ""), "VALIDATION_FAILED"),
                Arguments.of("no push switch", NIGHTS_OFF.replace("\"push\":false,", ""), "VALIDATION_FAILED"),
                Arguments.of("hour 24", NIGHTS_OFF.replace("22:00", "24:00"), "VALIDATION_FAILED"),
                Arguments.of("seconds", NIGHTS_OFF.replace("22:00", "22:00:00"), "VALIDATION_FAILED"),
                Arguments.of("no end", NIGHTS_OFF.replace(",\"end\":\"08:00\"", ""), "VALIDATION_FAILED"),
                Arguments.of("start equals end", NIGHTS_OFF.replace("08:00", "22:00"), "VALIDATION_FAILED"),
                Arguments.of("a switch as text", NIGHTS_OFF.replace("\"sms\":true", "\"sms\":\"true\""), "MALFORMED_REQUEST"),
                Arguments.of("a switch as a number", NIGHTS_OFF.replace("\"sms\":true", "\"sms\":1"), "MALFORMED_REQUEST"),
                Arguments.of("a zone as a number", NIGHTS_OFF.replace("\"America/New_York\"", "1"), "MALFORMED_REQUEST"),
                Arguments.of("no body", null, "VALIDATION_FAILED"),
                Arguments.of("not JSON", "{\"push\":", "MALFORMED_REQUEST"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidPreferencesAreRefusedAndChangeNothing(String what, String body, String code) {
        Reply refused = put(CUSTOMER, body);

        assertEquals(400, refused.status(), refused.body());
        assertEquals(code, refused.code());
        assertEquals(0, fixtures.count("notification_preferences"));
    }

    @Test
    void withoutClaimsThereAreNoPreferences() {
        assertEquals(401, Lambda.get(ANONYMOUS, PATH).status());
        assertEquals(401, put(ANONYMOUS, NIGHTS_OFF).status());
        assertEquals(0, fixtures.count("notification_preferences"));
    }

    private static Reply put(As caller, String body) {
        return Lambda.send(caller, "PUT", PATH, body, Map.of());
    }
}
