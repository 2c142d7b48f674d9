package com.bookingchat.lambda;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * target/function.zip started the way Lambda starts it, unpacked as /var/task is, in a clean environment
 * holding only what Lambda sets and what the caller gives it (as a function's environment holds only its
 * template's variables). A JVM build runs as the java21 runtime runs it, with {@link LambdaJavaRuntime} where
 * Lambda's runtime client stands on the classpath; a native build (a zip with a {@code bootstrap}) runs as
 * the provided.al2023 runtime runs it, by executing that bootstrap, which polls the Runtime API itself.
 */
public final class PackagedFunction {

    /** The handler infra/template.yaml names for the JVM build. */
    public static final String HANDLER = "com.bookingchat.invocation.PrimingStreamHandler::handleRequest";
    /** The JVM options infra/template.yaml gives the JVM build. */
    public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    /** The executable a provided.al2023 function's zip holds at its root. */
    public static final String BOOTSTRAP = "bootstrap";

    private PackagedFunction() {
    }

    /** Unpacks {@code functionZip} into {@code workDir}/task, replacing what an earlier run left there. */
    public static Path unpack(Path functionZip, Path workDir) {
        if (!Files.isRegularFile(functionZip)) {
            throw new IllegalStateException(functionZip.toAbsolutePath() + " is missing: run ./mvnw package first");
        }
        Path task = workDir.resolve("task");
        try {
            deleteRecursively(task);
            Files.createDirectories(task);
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(functionZip))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                    Path target = task.resolve(entry.getName()).normalize();
                    if (!target.startsWith(task)) {
                        throw new IllegalStateException("zip entry outside the task directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            // Lambda keeps the zip's file modes; java.util.zip does not read them, and only the bootstrap needs one.
            Path bootstrap = task.resolve(BOOTSTRAP);
            if (Files.exists(bootstrap) && !bootstrap.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + bootstrap + " executable");
            }
            copyRuntimeClasses(workDir.resolve("runtime"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return task;
    }

    /** Whether the function unpacked into {@code workDir} is a native build. */
    public static boolean isNative(Path workDir) {
        return Files.exists(workDir.resolve("task").resolve(BOOTSTRAP));
    }

    /**
     * A process running the function unpacked into {@code workDir} against the Runtime API at
     * {@code runtimeApi} (host:port[/path]); {@code environment} is the function's own environment.
     * {@code options} go to the JVM of a JVM build and to the executable of a native build (system
     * properties, {@code -Dname=value}, work in both).
     */
    public static ProcessBuilder process(Path workDir, String runtimeApi, List<String> options,
            Map<String, String> environment) {
        Path task = workDir.toAbsolutePath().resolve("task");
        if (isNative(workDir)) {
            List<String> command = new ArrayList<>();
            command.add(task.resolve(BOOTSTRAP).toString());
            command.addAll(options);
            ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile());
            builder.environment().clear();
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
            builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "booking-chat");
            builder.environment().put("LAMBDA_TASK_ROOT", task.toString());
            // as Lambda sets it: the task root is on the library path, where the bootstrap's JDK libraries lie
            builder.environment().put("LD_LIBRARY_PATH", "/lib64:/usr/lib64:" + task + ":" + task.resolve("lib"));
            builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
            builder.environment().put("TZ", ":UTC");
            builder.environment().put("LANG", "en_US.UTF-8");
            builder.environment().putAll(environment);
            return builder;
        }
        return launch(task, List.of(runtimeJar(workDir).toString(), task.toString(), task.resolve("lib").resolve("*").toString()),
                runtimeApi, options, environment);
    }

    /**
     * The same handler started from the runner jar instead of the unpacked zip: a classpath of jars only,
     * which class-data sharing archives (AppCDS, the JDK 25 AOT cache) require and Lambda's layout, with
     * classes in /var/task, does not allow. For measuring what such an archive would give.
     */
    public static ProcessBuilder processFromRunnerJar(Path workDir, Path runnerJar, String runtimeApi, List<String> jvmArgs,
            Map<String, String> environment) {
        // The runner jar first and from its own directory, as when Quarkus made the archive with java -jar there.
        return launch(runnerJar.toAbsolutePath().getParent(),
                List.of(runnerJar.getFileName().toString(), runtimeJar(workDir).toString()), runtimeApi, jvmArgs, environment);
    }

    private static ProcessBuilder launch(Path directory, List<String> classpath, String runtimeApi, List<String> jvmArgs,
            Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(LambdaJavaRuntime.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        builder.environment().put("_HANDLER", HANDLER);
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "booking-chat");
        builder.environment().put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        builder.environment().putAll(environment);
        return builder;
    }

    private static Path runtimeJar(Path workDir) {
        return workDir.toAbsolutePath().resolve("runtime").resolve("lambda-java-runtime.jar");
    }

    /**
     * The runtime's classes, taken from the test classpath so that none of the tests' other classes come
     * along, in a jar as Lambda keeps its runtime's classes.
     */
    private static void copyRuntimeClasses(Path runtimeDir) throws IOException {
        Path source;
        try {
            source = Path.of(LambdaJavaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String packagePath = LambdaJavaRuntime.class.getPackageName().replace('.', '/');
        deleteRecursively(runtimeDir);
        Files.createDirectories(runtimeDir);
        List<Path> classes;
        try (Stream<Path> files = Files.list(source.resolve(packagePath))) {
            classes = files.filter(f -> f.getFileName().toString().startsWith(LambdaJavaRuntime.class.getSimpleName()))
                    .sorted().toList();
        }
        Path jarFile = runtimeJar(runtimeDir.getParent());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jarFile))) {
            for (Path file : classes) {
                jar.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        // A class-data archive remembers each jar's time: the jar keeps its classes' time, so an archive made
        // in one run stays valid for the next while the runtime's classes are unchanged.
        FileTime newest = FileTime.fromMillis(0);
        for (Path file : classes) {
            FileTime time = Files.getLastModifiedTime(file);
            newest = time.compareTo(newest) > 0 ? time : newest;
        }
        Files.setLastModifiedTime(jarFile, newest);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
