package io.roster.scheduler.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** "N days" of automatic suspension are calendar days in the workspace's zone (see AutomaticTransitions). */
class CalendarDaysTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void acrossTheSpringChangeTheSameLocalTimeIsAnHourSooner() {
        // 2027-03-20 10:00 CET (+01:00) + 10 days = 2027-03-30 10:00 CEST (+02:00): 239 hours
        assertThat(AutomaticTransitions.plusDays(Instant.parse("2027-03-20T09:00:00Z"), 10, PARIS))
                .isEqualTo(Instant.parse("2027-03-30T08:00:00Z"));
    }

    @Test
    void acrossTheAutumnChangeTheSameLocalTimeIsAnHourLater() {
        // 2027-10-25 10:00 CEST + 10 days = 2027-11-04 10:00 CET: 241 hours
        assertThat(AutomaticTransitions.plusDays(Instant.parse("2027-10-25T08:00:00Z"), 10, PARIS))
                .isEqualTo(Instant.parse("2027-11-04T09:00:00Z"));
        // and back: a warning 3 days before a suspension after the change
        assertThat(AutomaticTransitions.plusDays(Instant.parse("2027-11-01T09:00:00Z"), -3, PARIS))
                .isEqualTo(Instant.parse("2027-10-29T08:00:00Z"));
    }

    @Test
    void aTimeInTheGapMovesForwardByTheGap() {
        // 2027-03-27 02:30 CET + 1 day = 2027-03-28 02:30, which does not exist: 03:30 CEST, the same instant + 24 h
        assertThat(AutomaticTransitions.plusDays(Instant.parse("2027-03-27T01:30:00Z"), 1, PARIS))
                .isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
    }

    @Test
    void aTimeInTheOverlapIsTheLaterOfTheTwo() {
        // 2027-10-30 02:30 CEST + 1 day = 2027-10-31 02:30, which exists twice (CEST, then CET): the CET one, 25 h
        assertThat(AutomaticTransitions.plusDays(Instant.parse("2027-10-30T00:30:00Z"), 1, PARIS))
                .isEqualTo(Instant.parse("2027-10-31T01:30:00Z"));
    }

    @Test
    void anUnknownZoneCountsInUtc() {
        assertThat(AutomaticTransitions.zone(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(AutomaticTransitions.zone("Mars/Olympus_Mons")).isEqualTo(ZoneOffset.UTC);
        assertThat(AutomaticTransitions.plusDays(Instant.parse("2027-03-27T01:30:00Z"), 1, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
    }
}
