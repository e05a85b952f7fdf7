package io.roster.contracts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#parse}, without its general formatter for the one shape Roster's writers give every instant
 * ({@code 2026-11-23T09:00:00Z}, {@code 2026-11-23T09:00:00.123456Z}: what {@link Instant#toString} writes). Every
 * other text — an offset, lower case, a leap second, a malformed value — goes to {@link Instant#parse}, which
 * accepts or refuses it as before: the result, or the exception, is the same either way. Public for readers of a
 * message outside the codec (import-worker's account events) that must read its instants as the codec does.
 */
public final class Instants {

    /** {@code yyyy-MM-ddTHH:mm:ssZ}. */
    private static final int SHORTEST = 20;
    private static final int NANO_DIGITS = 9;

    private Instants() {
    }

    public static Instant parse(String text) {
        Instant quick = canonical(text);
        return quick != null ? quick : Instant.parse(text);
    }

    /** The instant of text in the canonical shape; null for any other text (valid or not). */
    private static Instant canonical(String text) {
        int length = text.length();
        if (length < SHORTEST || length > SHORTEST + 1 + NANO_DIGITS || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST) {
            // a fraction: a point and one to nine digits
            if (text.charAt(19) != '.' || length == SHORTEST + 1) {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 1 - 20; i < NANO_DIGITS; i++) {
                nanos *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }

    /** The decimal value of text[from, to), or -1 if any of it is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
