package com.bookingchat.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * libphonenumber reads its metadata from classpath resources at run time, which a native image holds only when
 * {@code quarkus.native.resources.includes} names them: every resource in its jar must match one of the globs.
 */
class NativeResourcesTest {

    @Test
    void everyResourceLibphonenumberReadsAtRunTimeIsIncludedInTheNativeImage() throws Exception {
        List<Pattern> includes = Arrays.stream(nativeIncludes().split(",")).map(String::strip)
                .map(NativeResourcesTest::glob).toList();
        Path jar = Path.of(PhoneNumberUtil.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        List<String> resources;
        try (JarFile file = new JarFile(jar.toFile())) {
            resources = file.stream().filter(entry -> !entry.isDirectory()).map(ZipEntry::getName)
                    .filter(name -> name.startsWith("com/google/i18n/phonenumbers/") && !name.endsWith(".class"))
                    .toList();
        }

        assertTrue(resources.size() > 200, "libphonenumber's metadata files: " + resources.size());
        assertEquals(List.of(), resources.stream()
                .filter(name -> includes.stream().noneMatch(include -> include.matcher(name).matches())).toList());
    }

    private static String nativeIncludes() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties.getProperty("quarkus.native.resources.includes");
    }

    /** Quarkus's glob syntax: {@code **} crosses directories, {@code *} does not. */
    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
