package com.bookingchat.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * target/function.zip as built holds what the template's functions run for its build: for the JVM build,
 * the handler the template names on the classpath Lambda's java21 runtime builds; for the native build, an
 * executable {@code bootstrap} at the root for the template's architecture, the runtime the template picks
 * able to load it (glibc no newer than provided.al2023's, every library it needs either in the zip or in
 * that runtime), and the template's native settings.
 */
class FunctionZipIT {

    private static final Path ZIP = Path.of("target", "function.zip");
    /** glibc of provided.al2023 (Amazon Linux 2023): symbol versions above it would not load there. */
    private static final String RUNTIME_GLIBC = "2.34";
    /** Libraries provided.al2023 itself has: glibc's, and zlib (which its base packages depend on). */
    private static final Set<String> RUNTIME_LIBRARIES = Set.of("libc.so.6", "libm.so.6", "libdl.so.2",
            "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2", "libz.so.1");
    private static final Pattern NEEDED = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^]]+)]");
    private static final Pattern RUNPATH = Pattern.compile("\\(RUNPATH\\)\\s+Library runpath: \\[([^]]+)]");
    private static final Pattern GLIBC_VERSION = Pattern.compile("GLIBC_(\\d+(?:\\.\\d+)*)");

    @Test
    void theZipHoldsWhatTheTemplatesRuntimeStarts() throws Exception {
        SamTemplate template = SamTemplate.read();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            ZipEntry bootstrap = zip.getEntry("bootstrap");
            String build = bootstrap != null ? "native" : "jvm";
            Map<String, String> parameters = Map.of("Build", build);
            String runtime = (String) template.property("ListFunction", "Runtime", parameters).orElseThrow();
            if (bootstrap == null) {
                assertEquals("java21", runtime);
                String handler = (String) template.property("ListFunction", "Handler", parameters).orElseThrow();
                String handlerClass = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
                assertTrue(zip.getEntry(handlerClass) != null, "the JVM zip lacks the template's handler " + handlerClass);
                assertTrue(zip.stream().anyMatch(e -> e.getName().startsWith("lib/") && e.getName().endsWith(".jar")),
                        "the JVM zip has no lib/*.jar");
                return;
            }
            assertEquals("provided.al2023", runtime);
            assertEquals(List.of("x86_64"), template.function("ListFunction").get("Architectures"));
            assertEquals(0111, unixMode(ZIP, "bootstrap") & 0111,
                    "bootstrap must be executable for everyone, as Lambda runs it");
            Map<String, String> environment = template.environment("ListFunction", Map.of("Build", "native",
                    "DatabaseEndpoint", "db", "DatabaseSecretArn", "arn", "ConversationsServiceSid", "IS", "PublicBaseUrl", "url",
                    "LogDigestKeySecret", "arn"));
            assertEquals("true", environment.get("DISABLE_SIGNAL_HANDLERS"));
            assertTrue(!environment.containsKey("JAVA_TOOL_OPTIONS"), "no JVM options for the native build");

            Path unpacked = Files.createTempDirectory("function-zip");
            Set<String> inZip = new TreeSet<>();
            for (ZipEntry entry : zip.stream().filter(e -> !e.getName().contains("/")).toList()) {
                inZip.add(entry.getName());
                try (var in = zip.getInputStream(entry)) {
                    Files.copy(in, unpacked.resolve(entry.getName()));
                }
            }
            Path binary = unpacked.resolve("bootstrap");
            byte[] header = Files.readAllBytes(binary);
            assertEquals(0x7f, header[0]);
            assertEquals("ELF", new String(header, 1, 3));
            assertEquals(2, header[4], "a 64-bit executable");
            assertEquals(0x3e, header[18] & 0xff, "an x86-64 executable, as the template's x86_64 architecture runs");

            Matcher runpath = RUNPATH.matcher(readelf("-d", binary));
            assertTrue(runpath.find() && List.of(runpath.group(1).split(":")).contains("$ORIGIN"),
                    "bootstrap finds the libraries beside it through RUNPATH $ORIGIN");
            List<String> missing = new ArrayList<>();
            for (String file : inZip) {
                Matcher needed = NEEDED.matcher(readelf("-d", unpacked.resolve(file)));
                while (needed.find()) {
                    if (!inZip.contains(needed.group(1)) && !RUNTIME_LIBRARIES.contains(needed.group(1))) {
                        missing.add(file + " needs " + needed.group(1));
                    }
                }
            }
            assertEquals(List.of(), missing, "libraries that neither the zip nor provided.al2023 has");

            Matcher version = GLIBC_VERSION.matcher(readelf("-V", binary));
            while (version.find()) {
                assertTrue(compare(version.group(1), RUNTIME_GLIBC) <= 0,
                        "bootstrap needs GLIBC_" + version.group(1) + ", newer than provided.al2023's " + RUNTIME_GLIBC);
            }
        }
    }

    /** The Unix file mode a zip entry was stored with (Info-ZIP's external attributes), as Lambda restores it. */
    private static int unixMode(Path zipFile, String name) throws IOException {
        byte[] zip = Files.readAllBytes(zipFile);
        // central directory entries: signature PK\1\2, external attributes at offset 38, name at 46
        for (int i = 0; i + 46 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                int nameLength = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
                String entry = new String(zip, i + 46, nameLength);
                if (entry.equals(name)) {
                    long attributes = (zip[i + 38] & 0xffL) | (zip[i + 39] & 0xffL) << 8 | (zip[i + 40] & 0xffL) << 16
                            | (zip[i + 41] & 0xffL) << 24;
                    return (int) (attributes >> 16) & 07777;
                }
            }
        }
        throw new IllegalStateException(name + " is not in " + zipFile);
    }

    private static String readelf(String option, Path binary) throws IOException, InterruptedException {
        Process readelf = new ProcessBuilder("readelf", option, "-W", binary.toString()).redirectErrorStream(true).start();
        String output = new String(readelf.getInputStream().readAllBytes());
        assertTrue(readelf.waitFor(60, TimeUnit.SECONDS) && readelf.exitValue() == 0, "readelf " + option + ": " + output);
        return output;
    }

    private static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
