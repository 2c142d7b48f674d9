package com.bookingchat.notifications;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Quiet hours read on the user's wall clock, whatever the instant's offset and across DST changes. */
class QuietHoursTest {

    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));
    private static final QuietHours LUNCH = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aStretchOverMidnightCoversTheLateEveningAndTheEarlyMorningButNotTheDay() {
        assertTrue(NIGHT.covers(Instant.parse("2026-06-10T20:00:00Z"), BERLIN), "22:00 CEST: the first quiet minute");
        assertTrue(NIGHT.covers(Instant.parse("2026-06-10T23:30:00Z"), BERLIN), "01:30 CEST");
        assertTrue(NIGHT.covers(Instant.parse("2026-06-11T05:59:00Z"), BERLIN), "07:59 CEST");
        assertFalse(NIGHT.covers(Instant.parse("2026-06-11T06:00:00Z"), BERLIN), "08:00 CEST: the first minute after");
        assertFalse(NIGHT.covers(Instant.parse("2026-06-10T19:59:00Z"), BERLIN), "21:59 CEST");
    }

    @Test
    void aStretchWithinOneDayCoversOnlyItself() {
        assertTrue(LUNCH.covers(Instant.parse("2026-06-10T10:00:00Z"), BERLIN), "12:00 CEST");
        assertFalse(LUNCH.covers(Instant.parse("2026-06-10T11:30:00Z"), BERLIN), "13:30 CEST");
        assertFalse(LUNCH.covers(Instant.parse("2026-06-10T22:00:00Z"), BERLIN), "00:00 CEST");
    }

    @Test
    void theSameInstantIsQuietInOneZoneAndNotInAnother() {
        Instant instant = Instant.parse("2026-03-07T13:30:00Z");

        assertTrue(NIGHT.covers(instant, TOKYO), "22:30 in Tokyo");
        assertFalse(NIGHT.covers(instant, NEW_YORK), "08:30 in New York");
    }

    /** New York moves its clocks from 02:00 EST to 03:00 EDT on 8 March 2026: 12:30 UTC is 07:30, then 08:30. */
    @Test
    void theQuietHoursFollowTheClocksThroughADstChange() {
        assertTrue(NIGHT.covers(Instant.parse("2026-03-07T12:30:00Z"), NEW_YORK), "07:30 EST the day before");
        assertFalse(NIGHT.covers(Instant.parse("2026-03-08T12:30:00Z"), NEW_YORK), "08:30 EDT the day of the change");
        assertTrue(NIGHT.covers(Instant.parse("2026-03-08T11:30:00Z"), NEW_YORK), "07:30 EDT");
        // and back on 1 November 2026: 12:30 UTC is 08:30 EDT the day before, 07:30 EST the day of the change
        assertFalse(NIGHT.covers(Instant.parse("2026-10-31T12:30:00Z"), NEW_YORK));
        assertTrue(NIGHT.covers(Instant.parse("2026-11-01T12:30:00Z"), NEW_YORK));
    }
}
