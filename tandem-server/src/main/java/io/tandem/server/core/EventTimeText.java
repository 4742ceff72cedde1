package io.tandem.server.core;

import java.time.Instant;

/**
 * The {@code time} of an event as {@link Instant#toString()} writes it (ISO-8601 in UTC, the fraction in groups of
 * three digits as needed), with the date and time of day worked out once per second: a burst of events in one
 * second costs a string concatenation each instead of a calendar computation. Not thread-safe; one per
 * {@link EventSender}.
 */
final class EventTimeText {

    /** 10000-01-01T00:00:00Z: from there on {@link Instant#toString()} writes a sign and more year digits. */
    private static final long YEAR_10000 = 253_402_300_800L;

    private long second = Long.MIN_VALUE;
    private String prefix;

    /** {@code time} as {@link Instant#toString()} writes it. */
    String format(Instant time) {
        long s = time.getEpochSecond();
        if (s < 0 || s >= YEAR_10000) {
            return time.toString();
        }
        if (s != second) {
            String whole = Instant.ofEpochSecond(s).toString();
            prefix = whole.substring(0, whole.length() - 1); // without the Z
            second = s;
        }
        int nano = time.getNano();
        if (nano == 0) {
            return prefix + 'Z';
        }
        StringBuilder text = new StringBuilder(prefix.length() + 11).append(prefix).append('.');
        if (nano % 1_000_000 == 0) {
            digits(text, nano / 1_000_000, 3);
        } else if (nano % 1_000 == 0) {
            digits(text, nano / 1_000, 6);
        } else {
            digits(text, nano, 9);
        }
        return text.append('Z').toString();
    }

    private static void digits(StringBuilder text, int value, int width) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < width; i++) {
            text.append('0');
        }
        text.append(number);
    }
}
