package com.bookingchat.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The part of the Lambda Runtime API a function uses, on loopback, for one execution environment: it hands
 * out the events offered to it one at a time with a request id and a deadline, and keeps what the function
 * posts back. Lambda's own runtime client (the JVM build) and Quarkus's poll loop (the native build) both
 * talk to it as to Lambda.
 */
public final class RuntimeApi implements AutoCloseable {

    /** Lambda's answer to an event: when it arrived, its body, and whether the function reported an error. */
    public record Answer(long at, String body, boolean error) {
    }

    private record Event(String body, Duration timeLeft) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private volatile long firstPollAt;
    private volatile String initError;

    public RuntimeApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/2018-06-01/runtime/", this::serve);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event with the API functions' 15 s before its deadline. */
    public void offer(String event) {
        offer(event, Duration.ofSeconds(15));
    }

    /** Queues an event whose deadline is {@code timeLeft} after the function takes it. */
    public void offer(String event, Duration timeLeft) {
        events.add(new Event(event, timeLeft));
    }

    /** System.nanoTime() of the function's first request for an event, the end of its init; 0 before. */
    public long firstPollAt() {
        return firstPollAt;
    }

    /** What the function reported to /init/error, if it failed its init. */
    public String initError() {
        return initError;
    }

    /** The next answer the function posts, waiting up to {@code timeout} while it is alive. */
    public Answer await(Process function, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (function.isAlive() && System.nanoTime() < deadline) {
            Answer answer = answers.poll(20, TimeUnit.MILLISECONDS);
            if (answer != null) {
                return answer;
            }
        }
        Answer late = answers.poll();
        if (late != null) {
            return late;
        }
        throw new IllegalStateException(function.isAlive() ? "the function gave no answer within " + timeout
                : "the function stopped with exit code " + function.exitValue());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/invocation/next")) {
                if (firstPollAt == 0) {
                    firstPollAt = System.nanoTime();
                }
                Event event = events.take();
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", UUID.randomUUID().toString());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        String.valueOf(System.currentTimeMillis() + event.timeLeft().toMillis()));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-west-1:123456789012:function:booking-chat");
                respond(exchange, 200, event.body());
            } else {
                long answeredAt = System.nanoTime();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                respond(exchange, 202, "");
                if (path.endsWith("/init/error")) {
                    initError = body;
                } else {
                    answers.add(new Answer(answeredAt, body, path.endsWith("/error")));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Also ends a poll the stopped function left waiting for an event. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
