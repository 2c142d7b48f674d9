package com.bookingchat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON Lines log of every request a test sent through the Lambda event path and the function's answer, so
 * that a test running after the others can hold the answers to the published OpenAPI document. Maven names
 * the file in the system property {@value #RECORD_TO}; without it nothing is recorded.
 */
public final class LambdaExchanges {

    /** The system property naming the log; Maven sets it, a benchmark leaves it empty. */
    public static final String RECORD_TO = "lambda.exchanges";

    /**
     * Set once the first exchange of this JVM truncated the log. A system property, because each Quarkus
     * application of the suite loads this class afresh, and a static flag would empty the log at every
     * restart.
     */
    private static final String STARTED = RECORD_TO + ".started";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Hostile tests send lone surrogates, which UTF-8 cannot write; escaped, every line stays JSON. */
    private static final ObjectWriter ASCII_JSON = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private LambdaExchanges() {
    }

    /** The log, when this run records one. */
    public static Optional<Path> file() {
        String file = System.getProperty(RECORD_TO, "");
        return file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
    }

    /** Every exchange this JVM recorded, oldest first: method, path, query, status, contentType, body. */
    public static List<JsonNode> recorded() {
        Path file = file().orElseThrow(() -> new IllegalStateException(RECORD_TO + " names no log"));
        try {
            List<JsonNode> exchanges = new ArrayList<>();
            for (String line : Files.readAllLines(file, UTF_8)) {
                exchanges.add(JSON.readTree(line));
            }
            return exchanges;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this JVM recorded anything: a log left by an earlier run does not count. */
    public static boolean recordedInThisRun() {
        return System.getProperty(STARTED) != null && file().map(Files::isRegularFile).orElse(false);
    }

    static void record(String event, Lambda.Reply reply) {
        Optional<Path> file = file();
        if (file.isEmpty()) {
            return;
        }
        ObjectNode exchange = JSON.createObjectNode();
        try {
            JsonNode request = JSON.readTree(event);
            exchange.put("method", request.path("requestContext").path("http").path("method").asText(null));
            exchange.put("path", request.path("rawPath").asText(null));
            exchange.put("query", request.path("rawQueryString").asText(null));
        } catch (IOException e) {
            // an event that is not JSON has no route; its answer is still worth a line
        }
        exchange.put("status", reply.status());
        exchange.put("contentType", reply.header("Content-Type"));
        exchange.put("body", reply.body());
        try {
            append(file.get(), ASCII_JSON.writeValueAsString(exchange) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void append(Path file, String line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean first = System.getProperties().putIfAbsent(STARTED, "true") == null;
            Files.writeString(file, line, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
