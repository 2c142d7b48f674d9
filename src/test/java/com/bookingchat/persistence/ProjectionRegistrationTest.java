package com.bookingchat.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Panache's {@code project(Type.class)} finds the projection's constructor by reflection, which a native
 * binary has only for registered classes (the digest's reconciliation failed natively for that reason): every
 * class the code projects onto must carry {@link RegisterForReflection}.
 */
class ProjectionRegistrationTest {

    private static final Pattern PROJECTION = Pattern.compile("\\.project\\((\\w+)\\.class\\)");

    @Test
    void everyPanacheProjectionIsRegisteredForReflection() throws IOException, ClassNotFoundException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        int projections = 0;
        for (Path source : sources) {
            Matcher projection = PROJECTION.matcher(Files.readString(source));
            while (projection.find()) {
                projections++;
                Class<?> type = Class.forName(ProjectionRegistrationTest.class.getPackageName() + "." + projection.group(1));
                assertTrue(type.isAnnotationPresent(RegisterForReflection.class),
                        type.getName() + " is a Panache projection in " + source + " but not registered for reflection");
            }
        }
        assertFalse(projections == 0, "no Panache projection found: the pattern no longer matches the code");
    }
}
