package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@link InstantText} writes what {@link Instant#toString} and Jackson's own serializer write, character for character. */
class InstantTextTest {

    private static final JsonMapper JACKSONS = JsonMapper.builder().build();
    private static final JsonMapper OURS = JsonMapper.builder().addModule(InstantText.module()).build();

    @Test
    void randomInstantsOfEveryYearAndFractionAreWrittenAsInstantWritesThem() {
        SplittableRandom random = new SplittableRandom(20);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L);
            Instant instant = Instant.ofEpochSecond(seconds, nanos(random));
            assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void theEdgesAreWrittenAsInstantWritesThem() {
        List<Instant> edges = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.ofEpochSecond(253_402_300_800L), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("0999-12-31T23:59:59.5Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("0099-06-30T12:00:00.000001Z"), Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("1970-01-01T00:00:00.000000001Z"), Instant.parse("2024-02-29T23:59:59Z"),
                Instant.parse("2026-11-23T09:00:00.100Z"), Instant.parse("2026-11-23T09:00:00.120Z"),
                Instant.parse("2026-11-23T09:00:00.123400Z"), Instant.parse("2026-11-23T09:00:00.123456780Z"),
                Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-12-31T23:59:59Z")));
        for (long seconds = -86_400 * 3; seconds <= 86_400 * 3; seconds += 3_599) {
            edges.add(Instant.ofEpochSecond(seconds));
        }
        for (Instant instant : edges) {
            assertThat(InstantText.format(instant)).as(instant.toString()).isEqualTo(instant.toString());
        }
    }

    @Test
    void jsonIsTheSameAsJacksonsOwn() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    nanos(random));
            Holder value = new Holder(instant, List.of(instant, Instant.EPOCH));
            assertThat(OURS.writeValueAsString(value)).isEqualTo(JACKSONS.writeValueAsString(value));
            assertThat(OURS.writeValueAsBytes(value)).isEqualTo(JACKSONS.writeValueAsBytes(value));
        }
        Holder outside = new Holder(Instant.MAX, List.of(Instant.MIN));
        assertThat(OURS.writeValueAsString(outside)).isEqualTo(JACKSONS.writeValueAsString(outside));
    }

    public record Holder(Instant at, List<Instant> more) {
    }

    /** No fraction, whole milliseconds, whole microseconds or any nanoseconds, in equal shares. */
    private static int nanos(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }
}
