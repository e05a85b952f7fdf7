package io.roster.scheduler.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatenessTest {

    @Test
    void percentilesOfOneSweepAreNearestRank() {
        List<Duration> values = IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();
        SweepMetrics.Lateness lateness = SweepMetrics.Lateness.of(values.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertThat(lateness.p50()).isEqualTo(Duration.ofMillis(50));
        assertThat(lateness.p99()).isEqualTo(Duration.ofMillis(99));
        assertThat(lateness.count()).isEqualTo(100);
        assertThat(SweepMetrics.Lateness.of(List.of(Duration.ofSeconds(3))).p99()).isEqualTo(Duration.ofSeconds(3));
    }
}
