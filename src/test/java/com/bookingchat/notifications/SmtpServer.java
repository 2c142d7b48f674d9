package com.bookingchat.notifications;

import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server for the tests (GreenMail, from Maven Central) on a free loopback port, started before the
 * application and handed to quarkus-mailer; tests read back what it received. It can be stopped and started on
 * the same port, to show what the digest does while SMTP is down.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail server;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        port = server.getSmtp().getPort();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Everything received since the last {@link #clear()}. */
    public static List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    public static void clear() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("GreenMail could not empty its mailboxes", e);
        }
    }

    /** Refuses connections until {@link #restart()}. */
    public static void halt() {
        server.stop();
    }

    /** Serves again on the port the application was given. */
    public static void restart() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }
}
