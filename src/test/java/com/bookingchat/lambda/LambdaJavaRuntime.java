package com.bookingchat.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * A minimal stand-in for Lambda's java21 managed runtime (its runtime interface client), for the packaged
 * artifact's integration test and the cold-start bench. Started in a JVM whose classpath is the unpacked
 * function.zip (its root and lib/*.jar, as Lambda lays out /var/task), it constructs the handler that
 * {@code _HANDLER} names during init, then takes events from the Runtime API at
 * {@code AWS_LAMBDA_RUNTIME_API} and posts back what the handler wrote, as Lambda does. Quarkus polls the
 * Runtime API itself only in the native binary; the JVM build relies on this handler contract instead.
 */
public final class LambdaJavaRuntime {

    /** Printed once the handler is constructed and the first event is being awaited: the end of init. */
    public static final String READY = "lambda-java-runtime: init done, polling ";

    private LambdaJavaRuntime() {
    }

    public static void main(String[] args) throws Exception {
        String handler = System.getenv("_HANDLER");
        String runtimeApi = System.getenv("AWS_LAMBDA_RUNTIME_API");
        int separator = handler.indexOf("::");
        Class<?> type = Class.forName(handler.substring(0, separator));
        Object instance = type.getConstructor().newInstance();
        Method handle = type.getMethod(handler.substring(separator + 2), InputStream.class, OutputStream.class, Context.class);

        String invocations = "http://" + runtimeApi + "/2018-06-01/runtime/invocation/";
        System.out.println(READY + invocations + "next");
        while (true) {
            HttpURLConnection next = open(invocations + "next");
            if (next.getResponseCode() != 200) {
                continue;
            }
            String requestId = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
            // Lambda always sends the deadline; a mock Runtime API may not, so assume the API functions' 15 s timeout.
            String deadlineHeader = next.getHeaderField("Lambda-Runtime-Deadline-Ms");
            long deadline = deadlineHeader != null ? Long.parseLong(deadlineHeader) : System.currentTimeMillis() + 15_000;
            byte[] event;
            try (InputStream in = next.getInputStream()) {
                event = in.readAllBytes();
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String outcome;
            byte[] body;
            try {
                handle.invoke(instance, new ByteArrayInputStream(event), output, new Invocation(requestId, deadline));
                outcome = "/response";
                body = output.toByteArray();
            } catch (InvocationTargetException e) {
                e.getCause().printStackTrace();
                outcome = "/error";
                body = ("{\"errorType\":\"" + e.getCause().getClass().getName() + "\",\"errorMessage\":\"see the log\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            HttpURLConnection post = open(invocations + requestId + outcome);
            post.setRequestMethod("POST");
            post.setDoOutput(true);
            try (OutputStream out = post.getOutputStream()) {
                out.write(body);
            }
            post.getResponseCode();
            post.getInputStream().close();
        }
    }

    /**
     * Plain HttpURLConnection, as Lambda's own runtime client is native code: java.net.http would set up TLS
     * on the first event, a cost no real function pays. Its default read timeout is none, which the long
     * poll for the next event needs.
     */
    private static HttpURLConnection open(String url) throws IOException {
        return (HttpURLConnection) URI.create(url).toURL().openConnection();
    }

    /** The Context Lambda passes with each event, filled from the environment Lambda sets. */
    private record Invocation(String requestId, long deadline) implements Context {

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
        }

        @Override
        public String getLogStreamName() {
            return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
        }

        @Override
        public String getFunctionName() {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:local:000000000000:function:" + getFunctionName();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            String memory = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
            return memory == null ? 1024 : Integer.parseInt(memory);
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    try {
                        System.out.write(message);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        }
    }
}
