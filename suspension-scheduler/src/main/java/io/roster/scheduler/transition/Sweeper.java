package io.roster.scheduler.transition;

import io.roster.contracts.Actor;
import io.roster.messaging.Outbox;
import io.roster.scheduler.SchedulerProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out due transitions, a batch per transaction: claims the earliest due rows that no other sweeper holds
 * ({@code FOR UPDATE SKIP LOCKED}), writes their commands to the outbox ({@link SweptCommands}: suspensions that
 * share a partition as one command) and deletes them. Any number of sweepers may
 * run on one database: a row is claimed by one transaction at a time, and one that dies mid-batch rolls back, so its
 * rows are due again for the next sweep. None published twice, none lost.
 */
@Component
class Sweeper implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

    /** Who the commands are from: the activity log shows the scheduler as their actor. */
    static final Actor ACTOR = new Actor(Actor.Kind.SCHEDULER, "suspension-scheduler", null);

    /**
     * The claim and the delete in one statement: the rows are locked, skipped by others, and gone at commit. In
     * (due_at, id) order, the run's first claim from the start, each later one after the last row the run claimed
     * ({@link #CLAIM_AFTER}).
     * <p>
     * The delete finds the locked rows by their physical address (a TID scan), not by joining their ids to the primary
     * key: a join left the planner to weigh a merge join, whose estimate looks up the key's actual lowest value in the
     * index and walks there every entry of the rows the sweep deleted and no vacuum removed yet — 60 ms of planning a
     * claim half-way through a million rows due together, against 5 ms to execute it (a million rows claimed in a
     * scratch database: 7.7-9.0 s of CPU by id, 2.7-3.3 s by address). The address of a row this transaction has
     * locked cannot change before it ends; should it not be the row's latest version, the delete finds nothing there
     * and the row is neither deleted nor returned, so nothing is published for it: it stays due for the next claim.
     */
    static final String CLAIM = claim("");

    /**
     * A later claim of one run: rows after the cursor only. The rows before it are deleted by the run's earlier
     * claims (dead index entries until a vacuum), held by its other workers, or due since (taken by the next run):
     * walking them again at every claim made the claims of a million rows due the same minute slower and slower.
     */
    static final String CLAIM_AFTER = claim("AND (due_at, id) > (?, ?)");

    private static String claim(String after) {
        return """
                WITH claimed AS (
                    SELECT ctid FROM scheduler.due_transition
                    WHERE due_at <= ? %s
                    ORDER BY due_at, id
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                DELETE FROM scheduler.due_transition d
                WHERE d.ctid = ANY(ARRAY(SELECT ctid FROM claimed))
                RETURNING d.workspace_id, d.subject_id, d.kind, d.due_at, d.target_at, d.id, d.version, d.premise_at"""
                .formatted(after);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Clock clock;
    private final SweepMetrics metrics;
    private final SchedulerProperties properties;
    private final RequestPartitions partitions;
    /** Rows the runs deleted since the table was last vacuumed by the sweep. */
    private final AtomicLong deletedSinceVacuum = new AtomicLong();
    /** The sweep's workers; daemon threads, so a stuck batch never holds the JVM's exit. */
    private final ExecutorService workers;

    Sweeper(JdbcClient jdbc, TransactionTemplate transactions, @Qualifier("schedulerOutbox") Outbox outbox,
            @Qualifier("schedulerClock") Clock clock, SweepMetrics metrics, SchedulerProperties properties,
            RequestPartitions partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
        this.properties = properties;
        this.workers = Executors.newFixedThreadPool(Math.max(1, properties.sweepWorkers()), runnable -> {
            Thread thread = new Thread(runnable, "scheduler-sweep");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A due row as claimed; {@code targetAt} is a warning's suspension instant; the premise goes with the command. */
    record Claimed(String workspaceId, String subjectId, TransitionKind kind, Instant dueAt, Instant targetAt,
            long id, Instant version, Instant premiseAt) {

        TransitionKind.Premise premise() {
            return new TransitionKind.Premise(dueAt, version, targetAt, premiseAt);
        }

        /**
         * Derived from the row, so that a batch published again (its transaction's outcome unknown to the sweeper)
         * is the same request for invite-service, which handles a request id once. A warning's is derived from the
         * suspension it announces: the same warning scheduled again (its period changed) is the same request. A
         * transition's premise is part of its id: the same date set again after a reactivation, or the same instant
         * reached from another idle period, is a new request, not a reused id with another payload (which
         * invite-service would refuse, leaving the account unsuspended).
         */
        String requestId() {
            Instant about = targetAt != null ? targetAt : dueAt;
            String id = "scheduler:" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + subjectId + ":"
                    + about.toEpochMilli();
            Instant from = premiseOfId();
            return from == null ? id : id + ":" + from.toEpochMilli();
        }

        /** What tells one due instant's transitions apart: the date's version, or the idle / INACTIVE start. */
        private Instant premiseOfId() {
            return switch (kind) {
                case SUSPENSION_DATE -> version;
                case AUTO_SUSPEND, AUTO_EXPIRE -> premiseAt;
                case SUSPENSION_WARNING, INVITATION_EXPIRY -> null;
            };
        }
    }

    /**
     * Takes batches until fewer than a full one are due, or {@code sweepMaxDuration} has passed (the next run goes on),
     * with {@code sweepWorkers} batches in flight at once: the row locks keep them apart. Lateness is recorded per
     * transition: from its due instant to the moment its batch was claimed.
     *
     * @return how many transitions were published
     */
    int sweep() {
        long deadline = System.nanoTime() + properties.sweepMaxDuration().toNanos();
        SweepMetrics.Sweep lateness = metrics.startSweep();
        int published;
        try {
            if (properties.sweepWorkers() <= 1) {
                published = takeBatches(deadline, lateness, new Cursor());
            } else {
                Cursor cursor = new Cursor();
                List<CompletableFuture<Integer>> workers = new ArrayList<>();
                for (int i = 0; i < properties.sweepWorkers(); i++) {
                    workers.add(CompletableFuture.supplyAsync(() -> takeBatches(deadline, lateness, cursor),
                            this.workers));
                }
                published = workers.stream().mapToInt(CompletableFuture::join).sum();
            }
        } finally {
            lateness.finish();
        }
        if (deletedSinceVacuum.addAndGet(published) >= properties.sweepVacuumAfter()
                && System.nanoTime() < deadline) {
            vacuum();
        }
        return published;
    }

    /**
     * After a burst, once nothing more is due (the run ended on a short batch, not on its deadline): every later run
     * starts its first claims from the start of the due index, and until a vacuum removes them that walks the index
     * entries of every row the burst deleted — 20 to 70 ms a claim after a million, two claims every sweep interval
     * until autovacuum came by (5.4 s of PostgreSQL's time in a million's run); the vacuum itself, 0.36 s of CPU.
     * Skipped if another vacuum (autovacuum) holds the table; without truncation, which would lock the table against
     * the feeds' writes. A failure costs only the walks it would have saved.
     */
    private void vacuum() {
        deletedSinceVacuum.set(0);
        try {
            jdbc.sql("VACUUM (SKIP_LOCKED, INDEX_CLEANUP ON, TRUNCATE OFF) scheduler.due_transition").update();
        } catch (RuntimeException e) {
            log.warn("Could not vacuum scheduler.due_transition after a sweep: {}", e.toString());
        }
    }

    private int takeBatches(long deadline, SweepMetrics.Sweep lateness, Cursor cursor) {
        int published = 0;
        int batch;
        do {
            Instant now = clock.instant();
            List<Claimed> claimed = sweepBatch(now, cursor);
            lateness.record(claimed.stream().map(c -> Duration.between(c.dueAt(), now)).toList());
            batch = claimed.size();
            published += batch;
        } while (batch == properties.sweepBatchSize() && System.nanoTime() < deadline);
        return published;
    }

    @Override
    public void destroy() {
        workers.shutdown();
    }

    /**
     * One batch: claimed (after the run's cursor), published and deleted in one transaction; what was claimed.
     */
    private List<Claimed> sweepBatch(Instant now, Cursor cursor) {
        List<Claimed> claimed = transactions.execute(status -> {
            List<Claimed> rows = claim(now, cursor.last());
            if (!rows.isEmpty()) {
                outbox.publishAll(SweptCommands.of(rows, partitions.count(), now));
            }
            return rows;
        });
        // Moved once the batch is committed: a batch rolled back leaves its rows before no cursor.
        claimed.forEach(cursor::passed);
        return claimed;
    }

    private List<Claimed> claim(Instant now, Claimed after) {
        var statement = after == null
                ? jdbc.sql(CLAIM).params(Timestamp.from(now), properties.sweepBatchSize())
                : jdbc.sql(CLAIM_AFTER).params(Timestamp.from(now), Timestamp.from(after.dueAt()), after.id(),
                        properties.sweepBatchSize());
        return statement
                .query((rs, n) -> new Claimed(rs.getString(1), rs.getString(2), TransitionKind.valueOf(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)), rs.getLong(6),
                        rs.getTimestamp(7).toInstant(), instant(rs.getTimestamp(8))))
                .list();
    }

    /**
     * Where one run's claims are: the greatest (due_at, id) it has claimed and committed so far, shared by the run's
     * workers. Rows before it that no claim took (locked by another instance, rolled back, or due since) are the next
     * run's, which starts from the beginning.
     */
    private static final class Cursor {

        private static final java.util.Comparator<Claimed> ORDER =
                java.util.Comparator.comparing(Claimed::dueAt).thenComparingLong(Claimed::id);

        private final java.util.concurrent.atomic.AtomicReference<Claimed> last =
                new java.util.concurrent.atomic.AtomicReference<>();

        Claimed last() {
            return last.get();
        }

        void passed(Claimed row) {
            last.accumulateAndGet(row, (a, b) -> a == null || ORDER.compare(b, a) > 0 ? b : a);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
