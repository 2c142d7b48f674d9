package com.bookingchat.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the Secrets Manager endpoint of the AWS Parameters and Secrets Lambda Extension on
 * loopback: {@code GET /secretsmanager/get?secretId=<arn>} with the session token header, answered with
 * the GetSecretValue shape, so the packaged application reads its credentials the way it does on Lambda.
 */
public final class FakeSecretsExtension implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String sessionToken;
    private final Map<String, String> secretStrings;
    private final AtomicInteger notReadyAnswers = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final HttpServer server;

    private FakeSecretsExtension(String sessionToken, Map<String, String> secretStrings) {
        this.sessionToken = sessionToken;
        this.secretStrings = Map.copyOf(secretStrings);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/secretsmanager/get", this::serve);
        server.start();
    }

    /** Serves each secret's SecretString (by ARN) to callers presenting {@code sessionToken}. */
    public static FakeSecretsExtension start(String sessionToken, Map<String, String> secretStringsByArn) {
        return new FakeSecretsExtension(sessionToken, secretStringsByArn);
    }

    /** Answers the next {@code answers} reads as the extension does while it is still starting. */
    public FakeSecretsExtension notReadyFor(int answers) {
        notReadyAnswers.set(answers);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Secrets served so far. */
    public int reads() {
        return reads.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!sessionToken.equals(exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token"))) {
                answer(exchange, 401, "missing or wrong X-Aws-Parameters-Secrets-Token");
                return;
            }
            if (notReadyAnswers.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
                answer(exchange, 400, "not ready to serve traffic, please wait");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String arn = query != null && query.startsWith("secretId=")
                    ? URLDecoder.decode(query.substring("secretId=".length()), StandardCharsets.UTF_8)
                    : "";
            String secretString = secretStrings.get(arn);
            if (secretString == null) {
                answer(exchange, 400, "ResourceNotFoundException: Secrets Manager can't find the specified secret.");
                return;
            }
            reads.incrementAndGet();
            ObjectNode value = JSON.createObjectNode()
                    .put("ARN", arn)
                    .put("Name", arn.substring(arn.lastIndexOf(':') + 1))
                    .put("SecretString", secretString)
                    .put("VersionId", "00000000-0000-0000-0000-000000000001");
            value.putArray("VersionStages").add("AWSCURRENT");
            answer(exchange, 200, JSON.writeValueAsString(value));
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
