package com.bookingchat.twilio.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.bookingchat.twilio.emulator.TwilioEmulatorContractTest.ACCOUNT_SID;
import static com.bookingchat.twilio.emulator.TwilioEmulatorContractTest.AUTH_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMS half of the emulator, driven through twilio-java's own {@code Message.creator}. The Conversations
 * OpenAPI document beside the repo does not cover Programmable Messaging, so the contract here is the SDK's
 * Message model: every property it parses, and no other.
 */
class MessagingApiTest {

    private static final String SERVICE = "MG" + "0123456789abcdef".repeat(2);
    private static final PhoneNumber TO = new PhoneNumber("+14155550100");

    private TwilioEmulator emulator;
    private TwilioRestClient client;

    @BeforeEach
    void start() {
        emulator = new TwilioEmulator(ACCOUNT_SID, AUTH_TOKEN).start(0);
        client = TwilioEmulatorContractTest.client(emulator, AUTH_TOKEN);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void anSmsFromAMessagingServiceIsAcceptedParsedByTheSdkAndReadableByTests() {
        Message sms = Message.creator(TO, SERVICE, "2 unread messages").create(client);

        assertTrue(sms.getSid().matches("SM[0-9a-f]{32}"), sms.getSid());
        assertEquals(Message.Status.ACCEPTED, sms.getStatus());
        assertEquals(Message.Direction.OUTBOUND_API, sms.getDirection());
        assertEquals(ACCOUNT_SID, sms.getAccountSid());
        assertEquals(SERVICE, sms.getMessagingServiceSid());
        assertEquals("+14155550100", sms.getTo());
        assertNull(sms.getFrom());
        assertEquals("2 unread messages", sms.getBody());
        assertEquals("1", sms.getNumSegments());
        assertTrue(sms.getDateCreated() != null && sms.getDateUpdated() != null);
        assertEquals("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sms.getSid() + ".json", sms.getUri());
        assertEquals(List.of(Map.of("sid", sms.getSid(), "to", "+14155550100", "messagingServiceSid", SERVICE,
                "body", "2 unread messages")), emulator.sentSms());

        emulator.reset();

        assertEquals(List.of(), emulator.sentSms());
    }

    @Test
    void theResourceCarriesExactlyThePropertiesTheSdkModelParses() {
        Message.creator(TO, SERVICE, "hello").create(client);

        Set<String> emulated = new TreeSet<>();
        ((Map<?, ?>) emulator.exchanges().get(0).get("responseBody")).keySet().forEach(k -> emulated.add((String) k));

        assertEquals(sdkProperties(), emulated);
    }

    @Test
    void refusesWhatTwilioRefusesAndKeepsNothing() {
        assertTwilioError(400, 21211, () -> Message.creator(new PhoneNumber("0800-FLOWERS"), SERVICE, "hi").create(client));
        assertTwilioError(400, 21602, () -> Message.creator(TO, SERVICE, "").create(client));
        assertTwilioError(400, 21617, () -> Message.creator(TO, SERVICE, "x".repeat(1601)).create(client));
        assertTwilioError(400, 21701, () -> Message.creator(TO, "MG-not-a-sid", "hi").create(client));
        assertTwilioError(404, 20404, () -> Message.creator("AC" + "f".repeat(32), TO, SERVICE, "hi").create(client));

        assertEquals(List.of(), emulator.sentSms());
    }

    @Test
    void injectedFaultsAndDelaysApplyToSmsToo() {
        emulator.failNext("POST", "/Messages\\.json$", 400, 21610, 1);
        assertTwilioError(400, 21610, () -> Message.creator(TO, SERVICE, "blocked").create(client));
        assertEquals(List.of(), emulator.sentSms());

        emulator.delayNext("POST", "/Messages\\.json$", Duration.ofMillis(300), 1);
        long started = System.nanoTime();
        Message.creator(TO, SERVICE, "late").create(client);

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300);
        assertEquals(List.of("late"), emulator.sentSms().stream().map(sms -> sms.get("body")).toList());
    }

    @Test
    void withoutTheExchangeLogSmsAreStillKeptForTests() {
        emulator.keepExchanges(false);

        Message.creator(TO, SERVICE, "one of many").create(client);

        assertEquals(List.of(), emulator.exchanges());
        assertEquals(1, emulator.sentSms().size());
    }

    @Test
    void longAndNonAsciiBodiesCountTheirSegmentsAsTwilioDoes() {
        assertEquals("2", Message.creator(TO, SERVICE, "x".repeat(161)).create(client).getNumSegments());
        assertEquals("1", Message.creator(TO, SERVICE, "é".repeat(70)).create(client).getNumSegments());
        assertEquals("2", Message.creator(TO, SERVICE, "é".repeat(71)).create(client).getNumSegments());
    }

    /** The names on the SDK's Jackson creator: the properties twilio-java reads from a Message resource. */
    private static Set<String> sdkProperties() {
        Constructor<?> creator = Arrays.stream(Message.class.getDeclaredConstructors())
                .filter(c -> c.isAnnotationPresent(JsonCreator.class)).findFirst().orElseThrow();
        return Arrays.stream(creator.getParameters())
                .map(Parameter::getAnnotations)
                .flatMap(Arrays::stream)
                .filter(JsonProperty.class::isInstance)
                .map(a -> ((JsonProperty) a).value())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertTwilioError(int status, int code, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.getStatusCode(), e.getMessage());
        assertEquals(code, e.getCode(), e.getMessage());
    }
}
