package com.bookingchat.moderation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Finds contact details in a message body: phone numbers with libphonenumber (international ones anywhere,
 * national ones in the formats of the configured regions, valid numbers only, so dates, prices and booking
 * references do not count), e-mail addresses, and links (with a scheme, starting with www., or a bare domain
 * of a common top-level domain).
 */
final class ContactDetailsFinder {

    /** A span of the body, from {@code start} inclusive to {@code end} exclusive. */
    record Span(int start, int end) {
    }

    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}._%+-]+\\s*(?:@|\\(at\\)|\\[at\\])\\s*[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile(
            "(?:[a-z][a-z0-9+.-]*://|www\\.)\\S+"
                    + "|\\b[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.(?:com|net|org|info|biz|io|me|co|app|link|ly|gl|to|uk|de|fr|es|it|nl|in|br|eu|us)\\b(?:/\\S*)?",
            Pattern.CASE_INSENSITIVE);
    /** A generous bound: findNumbers gives up on a text after this many candidates. */
    private static final long MAX_PHONE_TRIES = 200;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final List<String> regions;

    ContactDetailsFinder(List<String> regions) {
        this.regions = regions.stream().map(r -> r.strip().toUpperCase(Locale.ROOT)).toList();
        for (String region : this.regions) {
            if (!phones.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("booking-chat.moderation.phone-regions: " + region
                        + " is not a region libphonenumber knows");
            }
        }
    }

    /** The contact details in {@code body}, in order, overlapping ones merged. */
    List<Span> find(String body) {
        List<Span> found = new ArrayList<>();
        for (String region : regions) {
            for (PhoneNumberMatch match : phones.findNumbers(body, region, PhoneNumberUtil.Leniency.VALID, MAX_PHONE_TRIES)) {
                found.add(new Span(match.start(), match.end()));
            }
        }
        addAll(found, EMAIL.matcher(body));
        addAll(found, LINK.matcher(body));
        return merged(found);
    }

    private static void addAll(List<Span> found, Matcher matcher) {
        while (matcher.find()) {
            found.add(new Span(matcher.start(), matcher.end()));
        }
    }

    private static List<Span> merged(List<Span> spans) {
        spans.sort(Comparator.comparingInt(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span span : spans) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span.start() <= last.end()) {
                merged.set(merged.size() - 1, new Span(last.start(), Math.max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }
}
