package com.bookingchat.openapi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Does with the published OpenAPI document what the app teams do: generates TypeScript types from it with
 * openapi-typescript and compiles with {@code tsc --strict} the sample in {@code src/test/typescript/app-client-sample},
 * the seed flow through openapi-fetch, which must read every field without {@code !} or {@code ?.}. The npm
 * packages are the sample's lock file, installed with {@code npm ci} into a copy under target/ so nothing is
 * installed beside the sources. An integration test, because the published document is the one the package
 * phase writes.
 */
class TypeScriptClientIT {

    private static final Path BASE = Path.of(System.getProperty("user.dir"));
    private static final Path SAMPLE = BASE.resolve(Path.of("src", "test", "typescript", "app-client-sample"));
    private static final Path WORK = BASE.resolve(Path.of("target", "app-client-sample"));
    /** What the sample imports; generated, never committed. */
    private static final String GENERATED = "src/booking-chat-api.ts";
    private static final String FLOW = "src/seed-flow.ts";

    /**
     * Lists every non-null assertion and optional chain in the files named, by TypeScript's own parser, so
     * strings and comments cannot fool it; exits 1 when it finds one.
     */
    private static final String ESCAPE_HATCHES = """
            const ts = require("typescript");
            const found = [];
            for (const file of process.argv.slice(1)) {
              const source = ts.createSourceFile(file, require("fs").readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
              (function visit(node) {
                if (ts.isNonNullExpression(node) || node.questionDotToken) {
                  found.push(file + ":" + (source.getLineAndCharacterOfPosition(node.getStart()).line + 1) + " " + node.getText());
                }
                ts.forEachChild(node, visit);
              })(source);
            }
            console.log(found.join("\\n"));
            process.exitCode = found.length === 0 ? 0 : 1;
            """;

    private static boolean nodeAvailable;

    /** Installs the sample's locked packages once for both tests. */
    @BeforeAll
    static void installTheSamplesPackages() throws IOException, InterruptedException {
        nodeAvailable = available("node") && available("npm");
        if (nodeAvailable) {
            copySample();
            Outcome installed = run("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");
            assertEquals(0, installed.exit(), "npm ci:\n" + installed.output());
        }
    }

    /** Skips test by test rather than the class as a whole, so the report counts the skips and says why. */
    @BeforeEach
    void needsNode() {
        assumeTrue(nodeAvailable,
                "Node.js and npm are not on the PATH: the TypeScript client cannot be generated and compiled here");
    }

    @Test
    void theSeedFlowCompilesStrictlyAgainstTypesGeneratedFromThePublishedDocumentWithoutEscapeHatches()
            throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(PublishedDocument.FILE), PublishedDocument.FILE + " is missing: the build writes it");

        Outcome generated = run("npx", "--no-install", "openapi-typescript", PublishedDocument.FILE.toString(),
                "--output", GENERATED);
        Outcome compiled = run("npx", "--no-install", "tsc", "--strict", "--noEmit", "--project", ".");
        Outcome hatches = run("node", "-e", ESCAPE_HATCHES, FLOW);

        assertEquals(0, generated.exit(), "openapi-typescript:\n" + generated.output());
        assertEquals(0, compiled.exit(), "tsc --strict:\n" + compiled.output());
        assertEquals(0, hatches.exit(), "the sample reads fields through ! or ?.:\n" + hatches.output());
    }

    /** Guards the guard: the escape-hatch search must see through strings and comments to the code. */
    @Test
    void theEscapeHatchSearchFindsNonNullAssertionsAndOptionalChainsButNotTheirLookalikes()
            throws IOException, InterruptedException {
        Files.writeString(WORK.resolve("probe.ts"), """
                declare const a: { b?: { c: string } } | undefined;
                // a!.b and a?.b in a comment do not count
                const s = "a!.b?.c";
                const t = a!.b;
                const u = a?.b;
                if (!a) { throw new Error("not a!"); }
                """, UTF_8);

        Outcome found = run("node", "-e", ESCAPE_HATCHES, "probe.ts");

        assertEquals(1, found.exit(), found.output());
        assertEquals(List.of("probe.ts:4 a!", "probe.ts:5 a?.b"), found.output().strip().lines().toList());
    }

    private record Outcome(int exit, String output) {
    }

    private static void copySample() throws IOException {
        if (Files.isDirectory(WORK.resolve("src"))) {
            try (Stream<Path> old = Files.walk(WORK.resolve("src"))) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = SAMPLE.relativize(file);
                if (relative.startsWith("node_modules") || relative.toString().equals(GENERATED)) {
                    continue;
                }
                Files.createDirectories(WORK.resolve(relative).getParent());
                Files.copy(file, WORK.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static boolean available(String command) throws InterruptedException {
        try {
            return run(command, "--version").exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Outcome run(String... command) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        // to a file, so a long compiler report cannot fill a pipe and stall the process
        Path log = WORK.resolve("command.log");
        Process process = new ProcessBuilder(command).directory(WORK.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        // npm ci fetches from the registry the first time; nothing else takes more than seconds
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took more than 5 minutes");
        }
        String output = Files.readString(log, UTF_8);
        String shown = Stream.of(command).map(arg -> arg.contains("\n") ? arg.lines().findFirst().orElse("") + "…" : arg)
                .collect(Collectors.joining(" "));
        System.out.println("$ " + shown + "\n" + output);
        return new Outcome(process.exitValue(), output);
    }
}
