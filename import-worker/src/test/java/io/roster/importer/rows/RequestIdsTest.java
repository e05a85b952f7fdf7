package io.roster.importer.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A row's request id: the same for the same job and row, distinct otherwise, in row order within a job. */
class RequestIdsTest {

    private static final UUID JOB = UUID.fromString("3f1c9a52-7d0e-4b8a-9c61-2e5f8d4a7b90");
    private static final UUID OTHER_JOB = UUID.fromString("3f1c9a52-7d0e-4b8a-9c61-2e5f8d4a7b91");

    @Test
    void theSameJobAndRowGiveTheSameIdWhateverTheCall() {
        assertThat(RequestIds.of(JOB).row(7)).isEqualTo(RequestIds.of(UUID.fromString(JOB.toString())).row(7))
                .isEqualTo(ImportRows.requestId(JOB, 7));
        // pinned: a job's rows staged by one version are answered, resumed and redelivered under another
        assertThat(ImportRows.requestId(JOB, 7)).hasToString(PINNED);
    }

    private static final String PINNED = "b3dbcacf-7e3e-889a-8000-000000000007";

    @Test
    void idsAreDistinctAcrossRowsAndJobs() {
        Set<UUID> ids = new HashSet<>();
        for (UUID job : List.of(JOB, OTHER_JOB, new UUID(0, 0), new UUID(0, 1))) {
            RequestIds requestIds = RequestIds.of(job);
            for (long row = 1; row <= 10_000; row++) {
                ids.add(requestIds.row(row));
            }
        }
        assertThat(ids).hasSize(40_000);
    }

    @Test
    void aJobsIdsAreInRowOrderAsBytesAndAsText() {
        RequestIds requestIds = RequestIds.of(JOB);
        long[] rows = {0, 1, 2, 9, 10, 15, 16, 255, 256, 4_999, 5_000, 1_000_000, 1L << 32, (1L << 62) - 1};
        List<String> texts = new ArrayList<>();
        UUID previous = null;
        for (long row : rows) {
            UUID id = requestIds.row(row);
            if (previous != null) {
                // PostgreSQL compares uuids byte by byte: the high half equal, the low half as unsigned
                assertThat(id.getMostSignificantBits()).isEqualTo(previous.getMostSignificantBits());
                assertThat(Long.compareUnsigned(id.getLeastSignificantBits(), previous.getLeastSignificantBits()))
                        .as("row %d after the one before", row).isPositive();
            }
            previous = id;
            texts.add(id.toString());
        }
        // invite-service keeps request ids as text: one job's sort in row order there too
        assertThat(texts).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        assertThat(requestIds.row(1).toString()).startsWith(requestIds.row(1_000_000).toString().substring(0, 19));
    }

    @Test
    void idsAreVersion8OfTheRfcVariant() {
        for (UUID job : List.of(JOB, OTHER_JOB, new UUID(-1, -1), new UUID(0, 0))) {
            for (long row : new long[] {0, 1, 123_456_789, (1L << 62) - 1}) {
                UUID id = RequestIds.of(job).row(row);
                assertThat(id.version()).isEqualTo(8);
                assertThat(id.variant()).isEqualTo(2);
                assertThat(id.toString().charAt(14)).isEqualTo('8');
                assertThat(id.toString().charAt(19)).isIn('8', '9', 'a', 'b');
            }
        }
    }

    @Test
    void theJobsHalfComesFromItsIdAndTheRowsHalfIsTheRowNumber() {
        assertThat(RequestIds.of(JOB).row(5).getMostSignificantBits())
                .isNotEqualTo(RequestIds.of(OTHER_JOB).row(5).getMostSignificantBits());
        assertThat(RequestIds.of(JOB).row(5).getLeastSignificantBits()).isEqualTo(RequestIds.of(OTHER_JOB).row(5)
                .getLeastSignificantBits()).isEqualTo(Long.MIN_VALUE | 5);
    }

    @Test
    void aRowNumberBeyondItsBitsIsRefused() {
        assertThatThrownBy(() -> RequestIds.of(JOB).row(1L << 62)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of");
        assertThatThrownBy(() -> RequestIds.of(JOB).row(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
