package com.bookingchat.infra;

import static com.bookingchat.Lambda.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.lambda.LocalDeployment;

/**
 * Every file in infra/events handed to the function the template routes it to, each function started with
 * exactly its template environment (the token function without a datasource, the list function without the
 * Twilio secret, the digest with its Messaging Service, the webhook without the authorizer), from
 * target/function.zip as built (JVM or native). Each must start and answer its route as
 * {@link EventFiles} expects of it.
 */
class DeployedEventsIT {

    @RegisterExtension
    static final LocalDeployment deployment = new LocalDeployment();

    private static String conversationSid;

    @BeforeAll
    static void seedTheBookingConversation() {
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-123/conversations", Fixtures.SEED_CREATE);
        assertEquals(201, created.status(), created.body());
        conversationSid = created.json().getString("conversationSid");
        EventFiles.sendTheSeedMessage(conversationSid);
    }

    static List<String> eventFiles() throws IOException {
        return EventFiles.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void eachEventFileIsAnsweredByItsFunction(String file) throws IOException {
        Reply reply = Lambda.invoke(EventFiles.aboutConversation(file, conversationSid,
                LocalDeployment.PUBLIC_BASE_URL, deployment.emulator().webhooks()));

        assertEquals(EventFiles.EXPECTED_STATUS.get(file), reply.status(), file + " answered " + reply.body());
    }
}
