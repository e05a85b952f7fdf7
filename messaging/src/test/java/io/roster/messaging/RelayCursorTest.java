package io.roster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayCursorTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private final RelayCursor cursor = new RelayCursor(Duration.ofSeconds(5));

    @Test
    void rowsWithoutGapsMoveThePositionToTheLastOne() {
        cursor.left(List.of(1L, 2L, 3L), 100, 0);
        cursor.left(List.of(4L, 5L), 101, SECOND);

        assertThat(cursor.position()).isEqualTo(5);
    }

    @Test
    void anIdMissingBehindTheRowsHoldsThePositionBeforeItUntilItsRowLeaves() {
        cursor.left(List.of(1L, 2L, 4L, 5L), 100, 0);
        assertThat(cursor.position()).isEqualTo(2);

        // its transaction committed: the row is read again from the position, with the rows after it
        cursor.left(List.of(3L, 6L), 102, SECOND);
        assertThat(cursor.position()).isEqualTo(6);
    }

    @Test
    void aGapIsGivenUpOnlyOnceEveryTransactionRunningWhenItWasSeenHasEndedAndThePatienceIsOver() {
        cursor.left(List.of(1L, 5L), 100, 0);
        assertThat(cursor.position()).isEqualTo(1);

        cursor.expire(99, 10 * SECOND); // a transaction seen running then runs still
        assertThat(cursor.position()).isEqualTo(1);
        cursor.expire(100, 4 * SECOND); // all ended, but too soon
        assertThat(cursor.position()).isEqualTo(1);
        cursor.expire(100, 5 * SECOND);
        assertThat(cursor.position()).isEqualTo(5);
    }

    @Test
    void aGapFilledInItsMiddleKeepsWaitingForTheRestOfIt() {
        cursor.left(List.of(1L, 6L), 100, 0);
        cursor.left(List.of(3L), 101, SECOND);
        assertThat(cursor.position()).isEqualTo(1);

        cursor.left(List.of(2L), 102, SECOND);
        assertThat(cursor.position()).isEqualTo(3);
        cursor.left(List.of(4L, 5L), 103, SECOND);
        assertThat(cursor.position()).isEqualTo(6);
    }

    @Test
    void theFirstBatchAfterAResetWaitsForTheIdsBelowIt() {
        cursor.left(List.of(1L, 2L), 100, 0);
        cursor.reset();
        assertThat(cursor.position()).isZero();

        cursor.left(List.of(500L, 501L), 200, SECOND);
        assertThat(cursor.position()).isZero();
        cursor.expire(200, 6 * SECOND);
        assertThat(cursor.position()).isEqualTo(501);
    }

    @Test
    void aRelayThatCaughtUpReadsFromTheStartOnlyAfterAGapWasGivenUpAndAtMostOnceAnInterval() {
        cursor.left(List.of(1L, 2L, 3L), 100, 0);
        cursor.caughtUp();
        assertThat(cursor.next(0).above()).isEqualTo(3); // no gap given up: nothing can be below the position

        cursor.left(List.of(5L), 101, 0);
        cursor.expire(101, 5 * SECOND); // id 4 given up
        cursor.caughtUp();
        assertThat(cursor.next(5 * SECOND).above()).isZero();
        // id 4 committed after all: it leaves; the position stays
        cursor.left(List.of(4L, 6L), 102, 5 * SECOND);
        assertThat(cursor.position()).isEqualTo(6);
        assertThat(cursor.next(5 * SECOND).above()).isEqualTo(6);

        cursor.left(List.of(8L), 103, 5 * SECOND);
        cursor.expire(103, 10 * SECOND); // id 7 given up
        cursor.caughtUp();
        assertThat(cursor.next(8 * SECOND).above()).isEqualTo(8); // too soon after the last read from the start
        assertThat(cursor.next(10 * SECOND).above()).isZero(); // the interval is over
        assertThat(cursor.next(10 * SECOND).above()).isEqualTo(8); // once per short batch
    }

    @Test
    void aPollReadsTheGapsAndTheIdsAboveTheHighestRelayedNotTheRowsRelayedBetween() {
        cursor.left(List.of(1L, 2L, 4L, 5L, 9L, 10L), 100, 0);
        assertThat(cursor.position()).isEqualTo(2);

        RelayCursor.Read read = cursor.next(SECOND);
        assertThat(read.above()).isEqualTo(10);
        assertThat(read.gapFrom()).containsExactly(3L, 6L);
        assertThat(read.gapTo()).containsExactly(3L, 8L);
        assertThat(read.hasGaps()).isTrue();

        cursor.left(List.of(3L, 6L, 7L, 8L, 11L), 101, SECOND);
        assertThat(cursor.next(SECOND).hasGaps()).isFalse();
        assertThat(cursor.next(SECOND).above()).isEqualTo(11);
    }
}
