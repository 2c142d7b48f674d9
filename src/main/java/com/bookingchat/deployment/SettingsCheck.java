package com.bookingchat.deployment;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a function that lacks a setting of what it serves, naming every missing one, so a
 * misconfigured deploy fails at its first cold start (and in the deploy's own migration step) rather than at
 * the first request that needs the setting. Settings of features a function does not serve are not asked for.
 */
@ApplicationScoped
class SettingsCheck {

    void check(@Observes StartupEvent started, Config config) {
        FunctionRole role = FunctionRole.named(config.getOptionalValue("booking-chat.function", String.class));
        List<String> missing = missing(role, key -> config.getOptionalValue(key, String.class));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("This function (" + role.name().toLowerCase(java.util.Locale.ROOT)
                    + ") cannot start without " + String.join("; ", missing));
        }
    }

    /** The descriptions of the role's settings that have no value, or only blanks. */
    static List<String> missing(FunctionRole role, Function<String, Optional<String>> values) {
        return role.required().stream()
                .filter(setting -> values.apply(setting.property()).filter(value -> !value.isBlank()).isEmpty())
                .map(Setting::describe)
                .toList();
    }
}
