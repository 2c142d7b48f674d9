package com.bookingchat.floodcontrol;

import static com.bookingchat.Lambda.CUSTOMER;
import static com.bookingchat.Lambda.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.infra.SamTemplate;
import com.bookingchat.lambda.LocalDeployment;
import com.bookingchat.lambda.LocalDeployment.DeployedFunction;

/**
 * The send rate limit across function instances: two execution environments of the packaged send function,
 * each a process of its own with the template's environment, share one caller's budget through PostgreSQL,
 * as Lambda's concurrent instances of one function do.
 */
class FloodControlIT {

    /**
     * The template's burst, at one message a minute: no place refills while the test runs, however slowly the
     * second environment's first requests go on a busy machine, so the count the two share is exact.
     */
    @RegisterExtension
    static final LocalDeployment deployment = new LocalDeployment().withParameter("SendRateLimitPerMinute", "1");

    @Test
    void twoInstancesOfTheSendFunctionCountOneCallersSendsTogether() {
        int burst = Integer.parseInt(SamTemplate.read()
                .deployedVariable("SendFunction", "BOOKING_CHAT_FLOOD_CONTROL_BURST").orElseThrow());
        Reply created = Lambda.post(CUSTOMER, "/bookings/booking-flood/conversations", Fixtures.SEED_CREATE);
        assertEquals(201, created.status(), created.body());
        String sid = created.json().getString("conversationSid");
        DeployedFunction first = deployment.function("SendFunction");
        try (DeployedFunction second = deployment.anotherEnvironment("SendFunction")) {
            List<DeployedFunction> instances = List.of(first, second);

            for (int i = 0; i < burst; i++) {
                Reply sent = send(instances.get(i % 2), CUSTOMER, sid, "message " + i);
                assertEquals(201, sent.status(), "message " + i + " through instance " + (i % 2) + ": " + sent.body());
            }
            for (DeployedFunction instance : instances) {
                Reply refused = send(instance, CUSTOMER, sid, "one too many");
                assertEquals(429, refused.status(), refused.body());
                assertEquals("RATE_LIMITED", refused.code());
                assertNotNull(refused.header("Retry-After"));
            }
            assertEquals(burst, deployment.emulator().messageCount(sid));

            Reply otherCaller = send(second, PROVIDER, sid, "my own budget");
            assertEquals(201, otherCaller.status(), otherCaller.body());
        }
    }

    private static Reply send(DeployedFunction instance, As caller, String sid, String body) {
        return Lambda.reply(instance.invoke(Lambda.event(caller, "POST", "/conversations/" + sid + "/messages",
                "{\"body\":\"" + body + "\"}", Map.of()).toString()));
    }
}
