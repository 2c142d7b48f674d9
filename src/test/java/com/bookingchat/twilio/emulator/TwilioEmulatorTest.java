package com.bookingchat.twilio.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.bookingchat.twilio.emulator.TwilioEmulatorContractTest.ACCOUNT_SID;
import static com.bookingchat.twilio.emulator.TwilioEmulatorContractTest.AUTH_TOKEN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Emulator behaviour the contract test does not pin down: faults, delays, paging arithmetic, auth, recording. */
class TwilioEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TWILIO = "https://conversations.twilio.com";
    private final HttpClient http = HttpClient.newHttpClient();
    private TwilioEmulator emulator;

    @BeforeEach
    void start() {
        emulator = new TwilioEmulator(ACCOUNT_SID, AUTH_TOKEN).start(0);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void injectedFaultAnswersTwilioErrorThenRecovers() throws Exception {
        emulator.failNext("POST", "^/v1/Conversations$", 429, 20429, 2);

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> throttled = send("POST", "/v1/Conversations", Map.of("UniqueName", "b-1"), AUTH_TOKEN);
            assertEquals(429, throttled.statusCode());
            assertEquals("1", throttled.headers().firstValue("Retry-After").orElseThrow());
            JsonNode error = JSON.readTree(throttled.body());
            assertEquals(20429, error.get("code").asInt());
            assertEquals(429, error.get("status").asInt());
            assertEquals("https://www.twilio.com/docs/errors/20429", error.get("more_info").asText());
        }
        assertEquals(0, emulator.conversationCount());

        assertEquals(201, send("POST", "/v1/Conversations", Map.of("UniqueName", "b-1"), AUTH_TOKEN).statusCode());
        assertEquals(1, emulator.conversationCount());
        assertEquals(3, emulator.requestCount("POST", "^/v1/Conversations$"));
    }

    @Test
    void serverErrorFaultHasNoRetryAfter() throws Exception {
        emulator.failNext("GET", "/Conversations/", 500, 20500, 1);

        HttpResponse<String> failed = send("GET", "/v1/Conversations/CH" + "0".repeat(32), Map.of(), AUTH_TOKEN);

        assertEquals(500, failed.statusCode());
        assertTrue(failed.headers().firstValue("Retry-After").isEmpty());
        assertEquals(20500, JSON.readTree(failed.body()).get("code").asInt());
    }

    @Test
    void delayedRequestDoesNotHoldUpOthers() throws Exception {
        String sid = createConversation();
        emulator.delayNext("GET", "/Messages$", Duration.ofMillis(1500), 1);

        long begin = System.nanoTime();
        CompletableFuture<HttpResponse<String>> delayed = sendAsync("GET", "/v1/Conversations/" + sid + "/Messages", Map.of());
        Thread.sleep(100);
        HttpResponse<String> other = send("GET", "/v1/Conversations/" + sid, Map.of(), AUTH_TOKEN);
        long otherDone = System.nanoTime() - begin;
        HttpResponse<String> slow = delayed.get();
        long slowDone = System.nanoTime() - begin;

        assertEquals(200, other.statusCode());
        assertEquals(200, slow.statusCode());
        assertTrue(otherDone < Duration.ofMillis(1000).toNanos(), "undelayed request took " + otherDone / 1_000_000 + " ms");
        assertTrue(slowDone >= Duration.ofMillis(1500).toNanos(), "delayed request took " + slowDone / 1_000_000 + " ms");
    }

    @Test
    void messagePagesSplitFiftyFiftyTwentyInBothOrdersAndStayPutWhileMessagesArrive() throws Exception {
        String sid = createConversation();
        for (int i = 0; i < 120; i++) {
            send("POST", "/v1/Conversations/" + sid + "/Messages", Map.of("Author", "a", "Body", "m" + i), AUTH_TOKEN);
        }

        List<JsonNode> asc = walk("/v1/Conversations/" + sid + "/Messages?Order=asc&PageSize=50", null);
        assertEquals(List.of(50, 50, 20), asc.stream().map(p -> p.get("messages").size()).toList());
        assertEquals(IntStream.range(0, 120).boxed().toList(), indexes(asc));
        assertEquals(0, asc.get(0).get("meta").get("page").asInt());
        assertEquals(2, asc.get(2).get("meta").get("page").asInt());
        assertTrue(asc.get(0).get("meta").get("previous_page_url").isNull());
        assertTrue(asc.get(2).get("meta").get("next_page_url").isNull());
        assertEquals(TWILIO + "/v1/Conversations/" + sid + "/Messages?Order=asc&PageSize=50&Page=0",
                asc.get(1).get("meta").get("first_page_url").asText());
        JsonNode back = get(asc.get(2).get("meta").get("previous_page_url").asText());
        assertEquals(indexes(List.of(asc.get(1))), indexes(List.of(back)));

        // A message posted after the first desc page must not shift the pages that follow it.
        List<JsonNode> desc = walk("/v1/Conversations/" + sid + "/Messages?Order=desc&PageSize=50", sid);
        assertEquals(List.of(50, 50, 20), desc.stream().map(p -> p.get("messages").size()).toList());
        assertEquals(IntStream.range(0, 120).map(i -> 119 - i).boxed().toList(), indexes(desc));
        assertEquals(121, emulator.messageCount(sid));
    }

    @Test
    void pageSizeAboveTwilioMaximumIsRejected() throws Exception {
        String sid = createConversation();

        HttpResponse<String> response = send("GET", "/v1/Conversations/" + sid + "/Messages?PageSize=101", Map.of(), AUTH_TOKEN);

        assertEquals(400, response.statusCode());
        assertEquals(20001, JSON.readTree(response.body()).get("code").asInt());
    }

    @Test
    void credentialsOtherThanTheConstructorsAreRejectedWith20003() throws Exception {
        HttpResponse<String> wrong = send("GET", "/v1/Conversations/CH" + "0".repeat(32), Map.of(), "not-the-token");
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/Conversations/x")).GET().build();
        HttpResponse<String> missing = http.send(anonymous, HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(wrong, missing)) {
            assertEquals(401, response.statusCode());
            assertEquals(20003, JSON.readTree(response.body()).get("code").asInt());
            assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent());
        }
    }

    @Test
    void unknownRouteAnswers20404() throws Exception {
        HttpResponse<String> response =
                send("GET", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json", Map.of(), AUTH_TOKEN);

        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(20404, JSON.readTree(response.body()).get("code").asInt());
    }

    @Test
    void concurrentMessagesGetDistinctConsecutiveIndexes() throws Exception {
        String sid = createConversation();

        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            posts.add(sendAsync("POST", "/v1/Conversations/" + sid + "/Messages", Map.of("Body", "m" + i)));
        }
        List<Integer> indexes = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> post : posts) {
            indexes.add(JSON.readTree(post.get().body()).get("index").asInt());
        }

        assertEquals(IntStream.range(0, 24).boxed().collect(Collectors.toSet()), Set.copyOf(indexes));
        assertEquals(24, emulator.messageCount(sid));
    }

    @Test
    void recordToAppendsOneJsonLinePerExchangeShapedLikeExchanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exchanges.jsonl");
        emulator.recordTo(file);
        String sid = createConversation();
        send("GET", "/v1/Conversations/" + sid + "/Messages?PageSize=5", Map.of(), AUTH_TOKEN);
        send("GET", "/nowhere", Map.of(), AUTH_TOKEN);

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertEquals(emulator.exchanges(), lines.stream().map(TwilioEmulatorTest::parseMap).toList());
        Map<String, Object> list = emulator.exchanges().get(1);
        assertEquals("GET", list.get("method"));
        assertEquals("/v1/Conversations/" + sid + "/Messages", list.get("path"));
        assertEquals("PageSize=5", list.get("query"));
        assertEquals(200, list.get("status"));
        assertTrue(list.get("responseBody") instanceof Map);
    }

    @Test
    void resetForgetsStateAndPendingFaults() throws Exception {
        String sid = createConversation();
        emulator.failNext("POST", ".", 503, 20503, 5);

        emulator.reset();

        assertEquals(0, emulator.conversationCount());
        assertThrows(NoSuchElementException.class, () -> emulator.messageCount(sid));
        assertTrue(emulator.exchanges().isEmpty());
        assertEquals(201, send("POST", "/v1/Conversations", Map.of(), AUTH_TOKEN).statusCode());
    }

    @Test
    void participantReadHorizonIsAddressableByIdentity() throws Exception {
        String sid = createConversation();
        send("POST", "/v1/Conversations/" + sid + "/Participants", Map.of("Identity", "customer-1"), AUTH_TOKEN);
        assertTrue(emulator.lastReadMessageIndex(sid, "customer-1").isEmpty());

        HttpResponse<String> updated = send("POST", "/v1/Conversations/" + sid + "/Participants/customer-1",
                Map.of("LastReadMessageIndex", "4"), AUTH_TOKEN);

        assertEquals(200, updated.statusCode());
        assertEquals(4, JSON.readTree(updated.body()).get("last_read_message_index").asInt());
        assertEquals(4, emulator.lastReadMessageIndex(sid, "customer-1").getAsInt());
        assertEquals(List.of("customer-1"), emulator.participantIdentities(sid));
        assertEquals(404, send("POST", "/v1/Conversations/" + sid + "/Participants/nobody", Map.of(), AUTH_TOKEN).statusCode());
    }

    /** Follows next_page_url to the end; with {@code postAfterFirstPage} a message arrives after the first page. */
    private List<JsonNode> walk(String firstPath, String postAfterFirstPage) throws Exception {
        List<JsonNode> pages = new ArrayList<>();
        JsonNode page = get(TWILIO + firstPath);
        while (true) {
            pages.add(page);
            if (pages.size() == 1 && postAfterFirstPage != null) {
                send("POST", "/v1/Conversations/" + postAfterFirstPage + "/Messages", Map.of("Body", "late"), AUTH_TOKEN);
            }
            JsonNode next = page.get("meta").get("next_page_url");
            if (next.isNull()) {
                return pages;
            }
            page = get(next.asText());
        }
    }

    private static List<Integer> indexes(List<JsonNode> pages) {
        List<Integer> indexes = new ArrayList<>();
        pages.forEach(p -> p.get("messages").forEach(m -> indexes.add(m.get("index").asInt())));
        return indexes;
    }

    /** Fetches an absolute Twilio URL from the emulator, as the app's route planner would. */
    private JsonNode get(String twilioUrl) throws Exception {
        HttpResponse<String> response = send("GET", twilioUrl.substring(TWILIO.length()), Map.of(), AUTH_TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private String createConversation() throws Exception {
        return JSON.readTree(send("POST", "/v1/Conversations", Map.of(), AUTH_TOKEN).body()).get("sid").asText();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, Map<String, String> form, String token)
            throws IOException, InterruptedException {
        return http.send(request(method, pathAndQuery, form, token), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String pathAndQuery, Map<String, String> form) {
        return http.sendAsync(request(method, pathAndQuery, form, AUTH_TOKEN), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String pathAndQuery, Map<String, String> form, String token) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + token).getBytes(UTF_8));
        return HttpRequest.newBuilder(URI.create(emulator.baseUrl() + pathAndQuery))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, method.equals("GET")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseMap(String line) {
        try {
            return JSON.readValue(line, Map.class);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
