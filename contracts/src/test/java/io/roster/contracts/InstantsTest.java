package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Instants#parse} answers as {@link Instant#parse}: the same instant, or the same refusal. */
class InstantsTest {

    @Test
    void whatInstantWritesIsReadBackTheSame() {
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 100_000; i++) {
            // years 0000 to 9999, with a fraction of 0, 3, 6 or 9 digits
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            assertThat(Instants.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void everyOtherTextIsAcceptedOrRefusedAsInstantParseDoes() {
        for (String text : List.of("2026-11-23T09:00:00Z", "2026-11-23T09:00:00.5Z", "2026-11-23T09:00:00.000Z",
                "2026-11-23T09:00:00.123456789Z", "2024-02-29T00:00:00Z", "2026-11-23t09:00:00z",
                "2026-11-23T09:00:00+01:00", "2026-12-31T23:59:60Z", "+12026-11-23T09:00:00Z",
                "0000-01-01T00:00:00Z", "2026-11-23T09:00:00.1Z", "2026-11-23T09:00:00,5Z", "2026-11-23T24:00:00Z",
                "2026-11-23T09:00:00.Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-23T09:60:00Z", "2026-11-23T09:00:61Z",
                "2026-11-23T09:00Z", "2026-11-23T09:00:00.1234567891Z", "2026-11-23 09:00:00Z",
                "2026-11-23T09:00:00", "2026-11-23T09:00:00ZZ", "yesterday", "", "2026-1a-23T09:00:00Z",
                "\uff12\uff10\uff12\uff16-11-23T09:00:00Z", "-2026-11-23T09:00:00Z")) {
            Instant expected = parsedOrNull(text);
            if (expected != null) {
                assertThat(Instants.parse(text)).as(text).isEqualTo(expected);
            } else {
                refusedAlike(text);
            }
        }
    }

    private static Instant parsedOrNull(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void refusedAlike(String text) {
        DateTimeParseException expected = null;
        try {
            Instant.parse(text);
        } catch (DateTimeParseException e) {
            expected = e;
        }
        assertThat(expected).as("Instant.parse refuses %s", text).isNotNull();
        assertThatThrownBy(() -> Instants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class)
                .hasMessage(expected.getMessage());
    }
}
