package com.bookingchat.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.MethodInfo;

/**
 * The HTTP routes the application serves, read from the JAX-RS annotations ({@code @Path} on class and
 * method, {@code @GET}, {@code @POST}, ...) of its compiled classes, so that the template and the event
 * files are checked against the code as it is, not against a list someone has to remember to update.
 */
final class ServedRoutes {

    /** Where Maven compiles src/main/java; tests run with the project directory as working directory. */
    private static final Path MAIN_CLASSES = Path.of("target", "classes");
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private ServedRoutes() {
    }

    /** One route: an HTTP method and a path template such as {@code /conversations/{conversationSid}/read}. */
    record Route(String method, String path) implements Comparable<Route> {

        /** Parses an API Gateway route key such as {@code GET /conversations}. */
        static Route of(String routeKey) {
            int space = routeKey.indexOf(' ');
            return new Route(routeKey.substring(0, space), routeKey.substring(space + 1));
        }

        /** The route with its parameter names (and JAX-RS regexes) erased, since only the shape must agree. */
        String shape() {
            return method + " " + path.replaceAll("\\{[^}]*}", "{}");
        }

        boolean internal() {
            return path.startsWith("/internal/");
        }

        @Override
        public int compareTo(Route other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Set<Route> scan() {
        if (!Files.isDirectory(MAIN_CLASSES)) {
            throw new IllegalStateException(MAIN_CLASSES.toAbsolutePath() + " is missing: compile the project first");
        }
        Set<Route> routes = new TreeSet<>();
        for (ClassInfo resource : index().getKnownClasses()) {
            String classPath = value(resource.declaredAnnotation(PATH));
            for (MethodInfo method : resource.methods()) {
                String httpMethod = httpMethodOf(method);
                String methodPath = value(method.declaredAnnotation(PATH));
                if (httpMethod == null) {
                    if (methodPath != null) {
                        throw new IllegalStateException(resource.name() + "." + method.name()
                                + " is a sub-resource locator, which this scan does not follow");
                    }
                    continue;
                }
                if (classPath == null) {
                    throw new IllegalStateException(resource.name() + "." + method.name() + " has @" + httpMethod
                            + " but its class has no @Path");
                }
                routes.add(new Route(httpMethod, join(classPath, methodPath)));
            }
        }
        return routes;
    }

    private static Index index() {
        try (Stream<Path> files = Files.walk(MAIN_CLASSES)) {
            return Index.of(files.filter(file -> file.toString().endsWith(".class")).map(Path::toFile).toArray(File[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String httpMethodOf(MethodInfo method) {
        return method.declaredAnnotations().stream()
                .map(AnnotationInstance::name)
                .filter(name -> "jakarta.ws.rs".equals(name.packagePrefix()) && HTTP_METHODS.contains(name.withoutPackagePrefix()))
                .map(DotName::withoutPackagePrefix)
                .findFirst().orElse(null);
    }

    private static String value(AnnotationInstance annotation) {
        return annotation == null ? null : annotation.value().asString();
    }

    private static String join(String classPath, String methodPath) {
        String joined = "/" + classPath + "/" + (methodPath == null ? "" : methodPath);
        String path = joined.replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
