package com.bookingchat.twilio.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Twilio's list envelope ({@code {key: [...], meta: {...}}}). Page tokens name the ordinal
 * of the item a page starts after ({@code PA}) or ends before ({@code PB}), so pages stay put while
 * new items are appended mid-walk, as they do on real Twilio.
 */
final class ListPage {

    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 100;
    private static final Pattern TOKEN = Pattern.compile("P([AB])(\\d{1,9})");

    private ListPage() {
    }

    /**
     * @param basePath  the collection path, e.g. {@code /v1/Conversations/CH.../Messages}
     * @param ascending the items sorted by ascending ordinal
     */
    static <T> ObjectNode render(ObjectMapper json, ConversationsApi.Request request, String key, String basePath,
                                 List<T> ascending, ToIntFunction<T> ordinal, Function<T, JsonNode> renderItem) {
        String order = request.param("Order") == null ? null : request.param("Order").toLowerCase(Locale.ROOT);
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw TwilioError.invalidParameter("Order must be one of asc, desc");
        }
        int size = intParam(request, "PageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        int page = intParam(request, "Page", 0, 0, Integer.MAX_VALUE);
        String token = request.param("PageToken");

        List<T> ordered = ascending;
        int direction = 1;
        if ("desc".equals(order)) {
            ordered = new ArrayList<>(ascending);
            Collections.reverse(ordered);
            direction = -1;
        }
        int n = ordered.size();
        int start;
        int end;
        if (token == null) {
            start = (int) Math.min((long) page * size, n);
            end = Math.min(start + size, n);
        } else {
            Matcher m = TOKEN.matcher(token);
            if (!m.matches()) {
                throw TwilioError.invalidParameter("Invalid PageToken " + token);
            }
            int pivot = Integer.parseInt(m.group(2));
            int sign = direction;
            boolean after = m.group(1).equals("A");
            // Items are monotonic in ordinal, so "up to the pivot" is always a prefix of the ordered list.
            int prefix = (int) ordered.stream()
                    .filter(item -> Integer.compare(ordinal.applyAsInt(item), pivot) * sign < (after ? 1 : 0))
                    .count();
            start = after ? prefix : Math.max(0, prefix - size);
            end = after ? Math.min(prefix + size, n) : prefix;
        }

        ObjectNode envelope = json.createObjectNode();
        envelope.putArray(key).addAll(ordered.subList(start, end).stream().map(renderItem).toList());
        ObjectNode meta = envelope.putObject("meta");
        meta.put("page", page);
        meta.put("page_size", size);
        meta.put("first_page_url", url(basePath, order, size, 0, null));
        meta.put("previous_page_url", start > 0 && start < n
                ? url(basePath, order, size, Math.max(page - 1, 0), "PB" + ordinal.applyAsInt(ordered.get(start)))
                : null);
        meta.put("url", url(basePath, order, size, page, token));
        meta.put("next_page_url", end < n
                ? url(basePath, order, size, page + 1, "PA" + ordinal.applyAsInt(ordered.get(end - 1)))
                : null);
        meta.put("key", key);
        return envelope;
    }

    private static String url(String basePath, String order, int size, int page, String token) {
        return ConversationsApi.ORIGIN + basePath + "?" + (order == null ? "" : "Order=" + order + "&")
                + "PageSize=" + size + "&Page=" + page + (token == null ? "" : "&PageToken=" + token);
    }

    private static int intParam(ConversationsApi.Request request, String name, int fallback, int min, int max) {
        String value = request.param(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below like an out-of-range value
        }
        throw TwilioError.invalidParameter(name + " must be an integer between " + min + " and " + max);
    }
}
