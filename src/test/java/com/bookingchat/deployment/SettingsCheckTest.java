package com.bookingchat.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import com.bookingchat.infra.SamTemplate;

/**
 * Each function checks at start the settings of what it serves, and only those: held against the environment
 * the template gives each function, with the settings its secrets add.
 */
class SettingsCheckTest {

    /** What each secret adds to the configuration (SecretsManagerConfigSourceFactory), by the variable naming it. */
    private static final Map<String, Set<String>> SECRET_SETTINGS = Map.of(
            "BOOKING_CHAT_SECRETS_DATABASE_ARN", Set.of("quarkus.datasource.username", "quarkus.datasource.password"),
            "BOOKING_CHAT_SECRETS_TWILIO_ARN", Set.of("twilio.account-sid", "twilio.auth-token",
                    "twilio.access-token.api-key-sid", "twilio.access-token.api-key-secret"),
            "BOOKING_CHAT_SECRETS_OBSERVABILITY_ARN", Set.of("booking-chat.observability.user-digest-key"),
            "BOOKING_CHAT_SECRETS_ERASURE_ARN", Set.of("booking-chat.erasure.digest-key"),
            "BOOKING_CHAT_SECRETS_MAIL_ARN", Set.of("quarkus.mailer.username", "quarkus.mailer.password",
                    "booking-chat.notifications.unsubscribe-key"));

    @Test
    void everyTemplateFunctionHasEverySettingOfWhatItServes() {
        SamTemplate template = SamTemplate.read();
        Map<String, String> parameters = Map.ofEntries(
                Map.entry("JwtIssuer", "https://issuer"),
                Map.entry("DatabaseEndpoint", "db"),
                Map.entry("DatabaseSecretArn", "arn:db"),
                Map.entry("TwilioSecretArn", "arn:twilio"),
                Map.entry("ConversationsServiceSid", "IS0"),
                Map.entry("DigestMessagingServiceSid", "MG0"),
                Map.entry("PublicBaseUrl", "https://api"),
                Map.entry("SecretsExtensionLayerArn", "arn:layer"),
                Map.entry("LogDigestKeySecret", "arn:log"),
                Map.entry("SubnetIds", "subnet"),
                Map.entry("ErasureSecretArn", "arn:erasure"),
                Map.entry("MailSecretArn", "arn:mail"),
                Map.entry("SmtpHost", "smtp"),
                Map.entry("DigestEmailFrom", "no-reply@booking-chat.example"));
        for (String function : template.functions().keySet()) {
            Map<String, String> environment = template.environment(function, parameters);
            Map<String, String> settings = settingsFrom(environment);
            FunctionRole role = FunctionRole.named(Optional.ofNullable(environment.get("BOOKING_CHAT_FUNCTION")));
            assertTrue(role != FunctionRole.ALL, function + " must name what it serves");
            assertEquals(List.of(), SettingsCheck.missing(role, key -> Optional.ofNullable(settings.get(key))), function);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FunctionRole.class, names = "ALL", mode = EnumSource.Mode.EXCLUDE)
    void aMissingSettingIsNamedWithTheVariableThatSetsIt(FunctionRole role) {
        for (Setting setting : role.required()) {
            Map<String, String> settings = new HashMap<>();
            role.required().forEach(s -> settings.put(s.property(), "value"));
            settings.put(setting.property(), " ");
            List<String> missing = SettingsCheck.missing(role, key -> Optional.ofNullable(settings.get(key)));
            assertEquals(1, missing.size(), role + " without " + setting);
            assertTrue(missing.get(0).startsWith(setting.property() + " (environment " + setting.environmentVariable()),
                    missing.get(0));
        }
    }

    @Test
    void functionsDoNotAskForSettingsOfWhatTheyDoNotServe() {
        assertEquals(Set.of(Setting.DATABASE_URL, Setting.DATABASE_USERNAME, Setting.DATABASE_PASSWORD),
                FunctionRole.MIGRATE.required(), "migrations need the database and nothing else");
        assertTrue(!FunctionRole.LIST.required().contains(Setting.TWILIO_AUTH_TOKEN), "the inbox never calls Twilio");
        assertTrue(!FunctionRole.TOKEN.required().contains(Setting.DATABASE_URL), "tokens never touch the database");
        assertTrue(!FunctionRole.SEND.required().contains(Setting.DIGEST_MESSAGING_SERVICE_SID));
    }

    @Test
    void anUnknownFunctionNameIsRefusedWithTheNamesThereAre() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> FunctionRole.named(Optional.of("sned")));
        assertTrue(refused.getMessage().contains("BOOKING_CHAT_FUNCTION") && refused.getMessage().contains("send"),
                refused.getMessage());
        assertEquals(FunctionRole.ALL, FunctionRole.named(Optional.empty()), "dev mode and tests serve everything");
    }

    /** The configuration a function ends up with: its variables by MicroProfile's naming, and its secrets' keys. */
    private static Map<String, String> settingsFrom(Map<String, String> environment) {
        Map<String, String> settings = new TreeMap<>();
        Set<String> properties = java.util.Arrays.stream(Setting.values()).map(Setting::property).collect(Collectors.toSet());
        environment.forEach((name, value) -> {
            properties.stream().filter(p -> p.replaceAll("[^A-Za-z0-9]", "_").toUpperCase().equals(name))
                    .forEach(p -> settings.put(p, value));
            SECRET_SETTINGS.getOrDefault(name, Set.of()).forEach(p -> settings.put(p, "from the secret"));
        });
        return settings;
    }
}
