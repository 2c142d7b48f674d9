package com.bookingchat;

import static com.bookingchat.Lambda.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bookingchat.Lambda.Reply;
import com.bookingchat.lambda.LocalDeployment;

/**
 * Production reaches Twilio over TLS; the emulator speaks plain HTTP. Here Twilio sits behind a TLS server
 * whose certificate comes from a CA made for this run, which the functions learn of only when they start
 * ({@code -Djavax.net.ssl.trustStore}, an argument of the native executable or an option of the JVM): the
 * binary's TLS stack, its certificate checks and the client's use of them are exercised at run time, not
 * trusted from the build. A function not given the CA must refuse the server.
 */
class TwilioOverTlsIT {

    private static final Path TLS = Path.of("target", "tls-it").toAbsolutePath();
    private static final String PASSWORD = "changeit";

    @RegisterExtension
    static final LocalDeployment deployment = new LocalDeployment();

    private static TlsRelay relay;

    @BeforeAll
    static void twilioBehindTlsWithACaOfThisRun() throws Exception {
        makeCaAndServerCertificate();
        relay = new TlsRelay(TLS.resolve("server.p12"), deployment.emulator().port());
        deployment.withParameter("TwilioApiBaseUrl", "https://localhost:" + relay.port());
        String[] trustTheCa = {"-Djavax.net.ssl.trustStore=" + TLS.resolve("trust.p12"),
            "-Djavax.net.ssl.trustStorePassword=" + PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12"};
        deployment.withOptions("CreateFunction", trustTheCa).withOptions("SendFunction", trustTheCa);
    }

    @AfterAll
    static void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void functionsGivenTheCaTalkToTwilioOverTls() {
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-tls/conversations", Fixtures.SEED_CREATE);
        assertEquals(201, created.status(), created.body());
        String sid = created.json().getString("conversationSid");

        Reply sent = Lambda.post(CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"over TLS\"}");

        assertEquals(201, sent.status(), sent.body());
        assertEquals(1, deployment.emulator().messageCount(sid));
        assertTrue(relay.handshakes() >= 2, "the calls went through the TLS server: " + relay.handshakes());
    }

    @Test
    void aFunctionNotGivenTheCaRefusesTheServer() {
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-untrusted/conversations", Fixtures.SEED_CREATE);
        assertEquals(201, created.status(), created.body());
        String sid = created.json().getString("conversationSid");
        int failedBefore = relay.failedHandshakes();

        // the read function was started without the CA
        Reply history = Lambda.get(CUSTOMER, "/conversations/" + sid + "/messages");

        assertEquals(503, history.status(), history.body());
        assertEquals("TWILIO_UNAVAILABLE", history.code());
        assertTrue(relay.failedHandshakes() > failedBefore, "the function refused the server's certificate");
    }

    /** A CA of this run and a certificate it signs for localhost, in PKCS12 stores, made with the JDK's keytool. */
    private static void makeCaAndServerCertificate() throws IOException, InterruptedException {
        Files.createDirectories(TLS);
        for (String store : List.of("ca.p12", "server.p12", "trust.p12", "ca.pem", "server.csr", "server.pem")) {
            Files.deleteIfExists(TLS.resolve(store));
        }
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=booking-chat test CA", "-ext", "bc:c", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-keystore", "server.p12");
        keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.pem",
                "-rfc", "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "server.p12");
        keytool("-importcert", "-alias", "server", "-file", "server.pem", "-keystore", "server.p12");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12");
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process keytool = new ProcessBuilder(command).directory(TLS.toFile()).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }

    /** Terminates TLS on loopback and relays the plain bytes to the emulator. */
    private static final class TlsRelay implements AutoCloseable {

        private final ServerSocket server;
        private final int targetPort;
        private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tls-relay");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicInteger handshakes = new AtomicInteger();
        private final AtomicInteger failedHandshakes = new AtomicInteger();

        TlsRelay(Path keyStore, int targetPort) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            this.server = tls.getServerSocketFactory().createServerSocket(0, 16, InetAddress.getLoopbackAddress());
            this.targetPort = targetPort;
            threads.execute(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        int handshakes() {
            return handshakes.get();
        }

        int failedHandshakes() {
            return failedHandshakes.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    SSLSocket client = (SSLSocket) server.accept();
                    threads.execute(() -> relay(client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void relay(SSLSocket client) {
            try (client) {
                try {
                    client.startHandshake();
                } catch (IOException e) {
                    failedHandshakes.incrementAndGet();
                    return;
                }
                handshakes.incrementAndGet();
                try (Socket twilio = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                    threads.execute(() -> pump(twilio, client));
                    pump(client, twilio);
                }
            } catch (IOException e) {
                // a connection the client or the emulator closed
            }
        }

        private static void pump(Socket from, Socket to) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[8192];
                for (int read; (read = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // the other direction closed the connection
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            threads.shutdownNow();
        }
    }
}
