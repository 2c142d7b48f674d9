package com.bookingchat.twilio.emulator;

import com.bookingchat.twilio.emulator.ConversationsApi.Reply;
import com.bookingchat.twilio.emulator.ConversationsApi.Request;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Programmable Messaging's {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}: accepts an SMS the
 * way Twilio does for a Messaging Service sender, keeps it for tests to read, and never delivers anything.
 */
final class MessagingApi {

    static final String PATH_PREFIX = "/2010-04-01/";
    private static final Pattern MESSAGES = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final int MAX_BODY = 1600;
    // twilio-java parses these dates with "EEE, dd MMM yyyy HH:mm:ss Z", Twilio's RFC 2822 form.
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final String accountSid;
    private final List<Map<String, String>> sent = new ArrayList<>();

    MessagingApi(ObjectMapper json, String accountSid) {
        this.json = json;
        this.accountSid = accountSid;
    }

    synchronized Reply handle(Request request) {
        Matcher path = MESSAGES.matcher(request.path());
        if (!"POST".equals(request.method()) || !path.matches() || !accountSid.equals(path.group(1))) {
            throw TwilioError.notFound(request.path());
        }
        String to = request.param("To");
        String from = request.param("From");
        String serviceSid = request.param("MessagingServiceSid");
        String body = request.param("Body");
        if (to == null) {
            throw new TwilioError(400, 21604, "A 'To' phone number is required.");
        }
        if (!E164.matcher(to).matches()) {
            throw new TwilioError(400, 21211, "Invalid 'To' Phone Number: " + to);
        }
        if (from == null && serviceSid == null) {
            throw new TwilioError(400, 21603, "A 'From' phone number is required.");
        }
        if (serviceSid != null && !MESSAGING_SERVICE_SID.matcher(serviceSid).matches()) {
            throw new TwilioError(400, 21701, "The Messaging Service Sid " + serviceSid + " is invalid.");
        }
        if (body == null || body.isEmpty()) {
            throw new TwilioError(400, 21602, "Message body is required.");
        }
        if (body.length() > MAX_BODY) {
            throw new TwilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        String sid = ConversationsApi.sid("SM");
        Map<String, String> sms = new LinkedHashMap<>();
        sms.put("sid", sid);
        sms.put("to", to);
        if (from != null) {
            sms.put("from", from);
        }
        if (serviceSid != null) {
            sms.put("messagingServiceSid", serviceSid);
        }
        sms.put("body", body);
        sent.add(sms);
        return new Reply(201, render(sid, to, from, serviceSid, body));
    }

    synchronized List<Map<String, String>> sent() {
        return sent.stream().map(Map::copyOf).toList();
    }

    synchronized void clear() {
        sent.clear();
    }

    /** A just-created outbound Message: a Messaging Service sender is "accepted" and picks its From later. */
    private ObjectNode render(String sid, String to, String from, String serviceSid, String body) {
        String uri = PATH_PREFIX + "Accounts/" + accountSid + "/Messages/" + sid;
        String now = RFC_2822.format(Instant.now());
        ObjectNode node = json.createObjectNode();
        node.put("account_sid", accountSid);
        node.put("api_version", "2010-04-01");
        node.put("body", body);
        node.put("date_created", now);
        node.putNull("date_sent");
        node.put("date_updated", now);
        node.put("direction", "outbound-api");
        node.putNull("error_code");
        node.putNull("error_message");
        node.put("from", serviceSid == null ? from : null);
        node.put("messaging_service_sid", serviceSid);
        node.put("num_media", "0");
        node.put("num_segments", Integer.toString(segments(body)));
        node.putNull("price");
        node.put("price_unit", "USD");
        node.put("sid", sid);
        node.put("status", serviceSid == null ? "queued" : "accepted");
        ObjectNode subresources = node.putObject("subresource_uris");
        subresources.put("media", uri + "/Media.json");
        subresources.put("feedback", uri + "/Feedback.json");
        node.put("to", to);
        node.put("uri", uri + ".json");
        return node;
    }

    /** ASCII counts as GSM-7 (160 characters in one segment, 153 per part); anything else as UCS-2 (70, then 67). */
    private static int segments(String body) {
        boolean gsm = body.chars().allMatch(c -> c < 128);
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        return body.length() <= single ? 1 : (body.length() + part - 1) / part;
    }
}
