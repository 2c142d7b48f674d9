package com.bookingchat.lambda;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.JarArtifactLauncher;
import io.quarkus.test.common.ListeningAddress;

/**
 * Launches the artifact of a {@code @QuarkusIntegrationTest} as Lambda launches the JVM build: target/function.zip
 * under {@link LambdaJavaRuntime}, taking its events from the mock Runtime API that Quarkus starts for the
 * test at {@code /_lambda_}. Quarkus's default launcher would run the runner jar's main, which in a JVM build
 * never asks the Runtime API for events (only the native binary polls), so events would go unanswered.
 * Quarkus's jar launcher provider looks this class up through
 * {@code META-INF/services/io.quarkus.test.common.JarArtifactLauncher} before falling back to its default.
 */
public class LambdaRuntimeJarLauncher implements JarArtifactLauncher {

    /** Where Quarkus's test support tells an application in test mode to find the mock Runtime API. */
    private static final String TEST_RUNTIME_API = "quarkus-internal.aws-lambda.test-api";

    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private JarInitContext context;
    private Process process;

    @Override
    public void init(JarInitContext context) {
        this.context = context;
    }

    @Override
    public void includeAsSysProps(Map<String, String> properties) {
        systemProperties.putAll(properties);
    }

    @Override
    public Optional<ListeningAddress> start() throws IOException {
        Map<String, String> testProperties = new LinkedHashMap<>(context.getDevServicesLaunchResult().properties());
        testProperties.putAll(systemProperties);
        String runtimeApi = testProperties.get(TEST_RUNTIME_API);
        if (runtimeApi == null) {
            throw new IllegalStateException("Quarkus started no mock Lambda Runtime API for this test (" + TEST_RUNTIME_API + ")");
        }
        Path workDir = context.jarPath().getParent().resolve("lambda-it");
        PackagedFunction.unpack(context.jarPath().getParent().resolve("function.zip"), workDir);
        List<String> jvmArgs = new ArrayList<>(context.argLine());
        // The configuration the test's resources give the application; Quarkus's own test wiring stays out,
        // as no Lambda environment holds it.
        testProperties.forEach((name, value) -> {
            if (!name.startsWith("quarkus-internal.")) {
                jvmArgs.add("-D" + name + "=" + value);
            }
        });
        Path log = workDir.resolve("function.log");
        process = PackagedFunction.process(workDir, runtimeApi, jvmArgs, context.env())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitInit(log, context.waitTime());
        // Tests send their events where the function takes them from, so that is the address they talk to.
        URI api = URI.create("http://" + runtimeApi);
        return Optional.of(new ListeningAddress(api.getPort(), "http"));
    }

    private void awaitInit(Path log, Duration waitTime) throws IOException {
        long deadline = System.nanoTime() + waitTime.toNanos();
        while (!Files.readString(log).contains(LambdaJavaRuntime.READY)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = Files.readString(log);
                close();
                throw new IllegalStateException("The packaged function did not finish its init (log " + log + "):\n" + output);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while the packaged function started", e);
            }
        }
    }

    @Override
    public LaunchResult runToCompletion(String[] args) {
        throw new UnsupportedOperationException("A Lambda function has no command line to run to completion");
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(context.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }
}
