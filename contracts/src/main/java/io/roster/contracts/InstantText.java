package io.roster.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Instants written exactly as {@link Instant#toString} (and Jackson's own serializer, through
 * {@link DateTimeFormatter#ISO_INSTANT}) writes them — {@code 2026-11-23T09:00:00Z}, a fraction of 3, 6 or 9 digits
 * when there is one — without the general formatter: it builds a print context, a {@code LocalDateTime} and a
 * {@code StringBuilder} for each, about a tenth of invite-service's listeners' CPU on the suspension path (each
 * event's instants, the commands' premises, the request fingerprints). Years 0000 to 9999 are written here; any
 * other goes to {@code Instant#toString}.
 */
public final class InstantText {

    /** {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    static final int LONGEST = 30;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, as epoch seconds. */
    private static final long FIRST = -62_167_219_200L;
    private static final long LAST = 253_402_300_799L;
    private static final int SECONDS_A_DAY = 86_400;

    private InstantText() {
    }

    /** {@code instant.toString()}, the same characters. */
    public static String format(Instant instant) {
        char[] text = new char[LONGEST];
        int length = write(instant, text);
        return length < 0 ? instant.toString() : new String(text, 0, length);
    }

    /** A Jackson module that writes every {@link Instant} as {@link #format} does, the same JSON as Jackson's own. */
    public static JacksonModule module() {
        return new SimpleModule("roster-instant-text").addSerializer(Instant.class, new Serializer());
    }

    /**
     * Writes the instant's text into {@code text} (at least {@link #LONGEST} long) and returns its length, or -1 for
     * an instant outside the years 0000 to 9999, left to {@link Instant#toString}.
     */
    static int write(Instant instant, char[] text) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds > LAST) {
            return -1;
        }
        long day = Math.floorDiv(seconds, SECONDS_A_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_A_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int length = 19;
        int nanos = instant.getNano();
        if (nanos > 0) {
            // ISO_INSTANT's fraction: as many groups of three digits as it takes
            text[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, length, nanos / 1_000_000, 3);
                length += 3;
            } else if (nanos % 1_000 == 0) {
                digits(text, length, nanos / 1_000, 6);
                length += 6;
            } else {
                digits(text, length, nanos, 9);
                length += 9;
            }
        }
        text[length++] = 'Z';
        return length;
    }

    /** {@code value} in {@code count} decimal digits, zeros first, at {@code at}. */
    private static void digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Jackson's {@code InstantSerializer} as Roster configures it (ISO-8601 text), without the formatter. */
    private static final class Serializer extends StdSerializer<Instant> {

        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            char[] text = new char[LONGEST];
            int length = write(value, text);
            if (length < 0) {
                generator.writeString(value.toString());
            } else {
                generator.writeString(text, 0, length);
            }
        }
    }
}
