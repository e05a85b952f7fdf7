package io.roster.scheduler;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.scheduler.*}.
 *
 * @param consumerConcurrency listener threads
 * @param sweepInterval how often the clustered sweep job looks for due transitions (the lateness floor)
 * @param sweepBatchSize transitions claimed, published and deleted per transaction
 * @param sweepMaxDuration how long one run of the sweep job keeps taking batches before it yields to the next run
 * @param sweepWorkers batches taken at once by one run (each its own transaction and connection): the database's
 *     round trips and commits of one overlap the work of another when many transitions fall together
 * @param sweepVacuumAfter transitions swept (deleted) after which a run that finds nothing more due vacuums the
 *     table, so that the next runs' claims no longer walk the deleted rows' index entries
 */
@ConfigurationProperties("roster.scheduler")
public record SchedulerProperties(
        @DefaultValue("2") int consumerConcurrency,
        @DefaultValue("2s") Duration sweepInterval,
        @DefaultValue("1000") int sweepBatchSize,
        @DefaultValue("30s") Duration sweepMaxDuration,
        @DefaultValue("2") int sweepWorkers,
        @DefaultValue("100000") long sweepVacuumAfter) {
}
