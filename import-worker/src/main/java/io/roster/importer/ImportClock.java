package io.roster.importer;

import java.time.Clock;
import java.time.Instant;

/**
 * import-worker's time, replaceable in tests. A type of its own rather than a {@code Clock} bean: in standalone the
 * services share one context, where a second {@code Clock} would leave another service's unqualified one ambiguous.
 */
public final class ImportClock {

    private final Clock clock;

    public ImportClock(Clock clock) {
        this.clock = clock;
    }

    public Instant instant() {
        return clock.instant();
    }
}
