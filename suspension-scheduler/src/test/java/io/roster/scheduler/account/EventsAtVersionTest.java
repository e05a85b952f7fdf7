package io.roster.scheduler.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The redelivery rule carried in an account's row: an event newer than the version is applied, an older one never;
 * one of the version's very instant is applied unless its id is among those applied at that instant.
 */
class EventsAtVersionTest {

    private static final Instant T = Instant.parse("2031-03-01T09:00:00Z");
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();

    @Test
    void twoEventsOfOneInstantAreEachAppliedOnceAndARedeliveryOfEitherIsNot() {
        AccountSchedule unknown = AccountSchedule.unknown();
        assertThat(unknown.accepts(T, A)).isTrue();

        AccountSchedule afterA = unknown.withVersion(T).applying(A, unknown);
        assertThat(afterA.eventsAtVersion()).containsExactly(A);
        assertThat(afterA.accepts(T, A)).as("A again").isFalse();
        assertThat(afterA.accepts(T, B)).as("B, of the same instant").isTrue();

        AccountSchedule afterB = afterA.withStatus(KnownStatus.INACTIVE, T, T).applying(B, afterA);
        assertThat(afterB.eventsAtVersion()).containsExactly(A, B);
        assertThat(afterB.accepts(T, A)).isFalse();
        assertThat(afterB.accepts(T, B)).isFalse();
        assertThat(afterB.accepts(T.minusMillis(1), C)).as("older").isFalse();
        assertThat(afterB.accepts(T, C)).as("a third event of the instant").isTrue();
    }

    @Test
    void theIdsStartAgainWhenTheVersionMovesOn() {
        AccountSchedule atT = AccountSchedule.unknown().withVersion(T).withEventsAtVersion(java.util.List.of(A, B));
        AccountSchedule later = atT.withVersion(T.plusSeconds(1)).applying(C, atT);
        assertThat(later.eventsAtVersion()).containsExactly(C);
        assertThat(later.accepts(T, A)).isFalse();
        assertThat(later.accepts(T, UUID.randomUUID())).as("a new event, older than the version").isFalse();
        assertThat(later.accepts(T.plusSeconds(1), C)).isFalse();
        assertThat(later.accepts(T.plusSeconds(1), B)).as("another event of the new instant").isTrue();
    }
}
