package com.bookingchat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.infra.SamTemplate;
import com.bookingchat.lambda.LocalDeployment;
import com.bookingchat.twilio.emulator.TwilioEmulator;

/**
 * {@link HostileRequests}'s property held by the packaged functions (JVM or native, as target/function.zip
 * holds), each request handed to the function the template gives its route, as API Gateway hands it over
 * whatever the path says: a native binary must refuse as cleanly as the JVM, with nothing its build left out.
 */
class HostileInputIT {

    @RegisterExtension
    static final LocalDeployment deployment = new LocalDeployment();

    /** PostgreSQL rows and Twilio resources, enough to tell whether a request wrote anything. */
    private record State(String digest, int conversations, int messages, int twilioWrites) {
    }

    private String sid;

    @Test
    void noRequestGetsA5xxOrALeakOrChangesAnythingWhenRefused() {
        Reply created = Lambda.post(Lambda.CUSTOMER, "/bookings/booking-123/conversations", Fixtures.SEED_CREATE);
        assertEquals(201, created.status(), created.body());
        sid = created.json().getString("conversationSid");
        assertEquals(201, Lambda.post(Lambda.CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"hello\"}").status());
        SamTemplate template = SamTemplate.read();

        HostileRequests.holdEveryRoute(sid, attack -> Lambda.reply(deployment
                .function(template.functionFor(attack.route().method, attack.route().examplePath).orElseThrow())
                .invoke(attack.event())), this::state);
    }

    private State state() {
        TwilioEmulator emulator = deployment.emulator();
        try (Connection connection = deployment.database(); Statement statement = connection.createStatement();
                ResultSet digest = statement.executeQuery(HostileRequests.CONTENT_DIGEST)) {
            digest.next();
            return new State(digest.getString(1), emulator.conversationCount(), emulator.messageCount(sid),
                    emulator.requestCount("POST", ".") + emulator.requestCount("DELETE", "."));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
