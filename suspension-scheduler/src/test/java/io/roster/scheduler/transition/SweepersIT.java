package io.roster.scheduler.transition;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.messaging.Outbox;
import io.roster.scheduler.CommandCollector;
import io.roster.scheduler.SchedulerIntegrationTest;
import io.roster.scheduler.SchedulerProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several sweepers on one database, as several scheduler instances are: each with its own transactions and
 * connections. The rows are due for the test's sweepers only (the context's own sweep job runs a day earlier).
 */
class SweepersIT extends SchedulerIntegrationTest {

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    @Qualifier("schedulerOutbox")
    Outbox outbox;

    @Autowired
    SweepMetrics metrics;

    @Autowired
    DataSource dataSource;

    @Autowired
    RequestPartitions partitions;

    private Instant t0;
    private Instant later;

    @BeforeEach
    void startTheClock() {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
        later = t0.plus(Duration.ofDays(1));
    }

    /** A sweeper as another instance runs one: its own clock, a day ahead of the context's, and small batches. */
    private Sweeper instance(int batchSize) {
        return instance(batchSize, 1);
    }

    /** An instance whose runs take {@code workers} batches at once. */
    private Sweeper instance(int batchSize, int workers) {
        return instance(batchSize, workers, 100_000);
    }

    /** An instance that vacuums the table once a run that caught up brings its swept rows to {@code vacuumAfter}. */
    private Sweeper instance(int batchSize, int workers, long vacuumAfter) {
        return new Sweeper(jdbc, transactions, outbox, Clock.fixed(later.plusSeconds(1), ZoneOffset.UTC), metrics,
                new SchedulerProperties(1, Duration.ofSeconds(1), batchSize, Duration.ofMinutes(1), workers,
                        vacuumAfter), partitions);
    }

    @Test
    void twoSweepersOnOneDatabasePublishEachTransitionOnce() throws Exception {
        String ws = newWorkspace();
        insertDue(ws, 3000, later);
        // two instances, each taking two batches at once
        Sweeper one = instance(50, 2);
        Sweeper two = instance(50, 2);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Integer> byOne = CompletableFuture.supplyAsync(() -> await(start, one), threads);
            CompletableFuture<Integer> byTwo = CompletableFuture.supplyAsync(() -> await(start, two), threads);
            start.countDown();
            assertThat(byOne.get() + byTwo.get()).isEqualTo(3000);
        } finally {
            threads.shutdownNow();
        }
        assertThat(dueRows(ws)).isZero();
        assertThat(publishedAccounts(ws, 3000)).hasSize(3000).doesNotHaveDuplicates();
    }

    @Test
    void anInstanceKilledMidSweepLosesNothingAndTheOtherPublishesItsRows() throws Exception {
        String ws = newWorkspace();
        insertDue(ws, 120, later);
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        ExecutorService aborter = Executors.newSingleThreadExecutor();
        try (Connection killed = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                pool.getPassword())) {
            // the killed instance claimed a batch (its rows locked and deleted in its open transaction)...
            killed.setAutoCommit(false);
            int claimed = 0;
            try (PreparedStatement claim = killed.prepareStatement(Sweeper.CLAIM)) {
                claim.setTimestamp(1, Timestamp.from(later.plusSeconds(1)));
                claim.setInt(2, 100);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimed += ws.equals(rows.getString(1)) ? 1 : 0;
                    }
                }
            }
            assertThat(claimed).isEqualTo(100);

            // ...the other instance skips them, publishing the rest only
            Sweeper other = instance(1000);
            other.sweep();
            assertThat(publishedAccounts(ws, 20)).hasSize(20);

            // ...and the killed one dies before it commits: its connection cut, its transaction rolled back
            killed.abort(aborter);
        } finally {
            aborter.shutdown();
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> dueRows(ws) == 100);
        instance(1000).sweep();
        assertThat(dueRows(ws)).isZero();
        assertThat(publishedAccounts(ws, 120)).hasSize(120).doesNotHaveDuplicates();
    }

    @Test
    void aClaimTakesEachDueRowAsItIsNowAfterItWasRewrittenAndLeavesTheRowsMovedAway() {
        // The claim deletes the rows it locked by their physical address: a row rewritten since it was written (a
        // date moved, a new version) lives at another address than it was inserted at.
        String ws = newWorkspace();
        insertDue(ws, 4, later);
        Instant earlier = later.minusSeconds(5);
        Instant newVersion = later.plusSeconds(7);
        jdbc.sql("UPDATE scheduler.due_transition SET due_at = ? WHERE workspace_id = ? AND subject_id = 'account-1'")
                .params(Timestamp.from(earlier), ws).update();
        jdbc.sql("UPDATE scheduler.due_transition SET version = ? WHERE workspace_id = ? AND subject_id = 'account-2'")
                .params(Timestamp.from(newVersion), ws).update();
        jdbc.sql("UPDATE scheduler.due_transition SET due_at = ? WHERE workspace_id = ? AND subject_id = 'account-3'")
                .params(Timestamp.from(later.plus(Duration.ofDays(1))), ws).update();

        transactions.executeWithoutResult(status -> {
            List<Object[]> claimed = jdbc.sql(Sweeper.CLAIM).params(Timestamp.from(later.plusSeconds(1)), 1000)
                    .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(7).toInstant()})
                    .list().stream().filter(row -> ws.equals(row[0])).toList();
            assertThat(claimed).extracting(row -> row[1] + "@" + row[2] + "/" + row[3]).containsExactlyInAnyOrder(
                    "account-1@" + earlier + "/" + later, "account-2@" + later + "/" + newVersion,
                    "account-4@" + later + "/" + later);
            assertThat(jdbc.sql("SELECT subject_id FROM scheduler.due_transition WHERE workspace_id = ?").param(ws)
                    .query(String.class).list()).as("deleted: every row claimed, and only those").containsExactly(
                    "account-3");
            status.setRollbackOnly(); // other tests' rows due by then were claimed too
        });
    }

    @Test
    void aRunThatSweptABurstAndCaughtUpVacuumsTheTable() {
        String ws = newWorkspace();
        insertDue(ws, 250, later);
        Sweeper sweeper = instance(100, 2, 200);
        long vacuumsBefore = vacuums();

        sweeper.sweep();

        assertThat(publishedAccounts(ws, 250)).hasSize(250).doesNotHaveDuplicates();
        // the vacuum's count reaches the statistics once its backend reports them
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> vacuums() > vacuumsBefore);
        // below the threshold again: the next run that catches up does not vacuum
        insertDue(ws + "-again", 10, later);
        long vacuumsAfter = vacuums();
        sweeper.sweep();
        assertThat(publishedAccounts(ws + "-again", 10)).hasSize(10);
        assertThat(vacuums()).isEqualTo(vacuumsAfter);
    }

    private long vacuums() {
        jdbc.sql("SELECT pg_stat_clear_snapshot()").query().listOfRows();
        return jdbc.sql("SELECT vacuum_count FROM pg_stat_user_tables"
                + " WHERE relid = 'scheduler.due_transition'::regclass").query(Long.class).single();
    }

    @Test
    void theSweepIsOneClusteredQuartzJob() {
        assertThat(jdbc.sql("SELECT trigger_name FROM scheduler.qrtz_triggers").query(String.class).list())
                .containsExactly(SweepJob.NAME);
        assertThat(jdbc.sql("SELECT count(*) FROM scheduler.qrtz_scheduler_state").query(Long.class).single())
                .as("the instance checks in with the cluster").isPositive();
    }

    @Test
    void theLatenessOfTheLastSweepIsMeasuredFromEachDueInstant() {
        String ws = newWorkspace();
        insertDue(ws, 10, later.minusSeconds(30));
        instance(1000).sweep();
        assertThat(publishedAccounts(ws, 10)).hasSize(10);
        assertThat(metrics.lastSweep().p99()).isGreaterThanOrEqualTo(Duration.ofSeconds(31));
        assertThat(metrics.lastSweep().p50()).isGreaterThanOrEqualTo(Duration.ofSeconds(31));
    }

    private static int await(CountDownLatch start, Sweeper sweeper) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sweeper.sweep();
    }

    @Test
    void suspensionsWhoseKeysShareAPartitionTravelAsOneCommandOnThatPartition() {
        String ws = newWorkspace();
        insertDue(ws, 300, later);
        int count = partitions.count();
        assertThat(count).as("the topic's partitions, from the producer's metadata").isGreaterThan(1);

        instance(1000).sweep();

        assertThat(publishedAccounts(ws, 300)).hasSize(300).doesNotHaveDuplicates();
        var records = CommandCollector.records(ws);
        assertThat(records).as("one command per partition, not one per account").hasSizeLessThanOrEqualTo(count);
        for (var record : records) {
            Envelope<Payload> command = CODEC.read(record.value());
            assertThat(command.type()).isEqualTo("account.suspend-many.v1");
            assertThat(command.key()).isEqualTo(record.key());
            assertThat(eachAccount(command).map(c -> RequestPartitions.partitionOf(ws + "/" + c.payload().subject(),
                    count))).as("each account's own key is on the record's partition").containsOnly(record.partition());
        }
        // what the producer's partitioner does with a key: the same partition
        assertThat(RequestPartitions.partitionOf("acme/8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69", 12)).isEqualTo(
                org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(
                        "acme/8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        12));
    }

    /**
     * The accounts (subjects) of the workspace's commands relayed to Kafka (the relay deletes rows the broker has),
     * each account of a batch command on its own, once every row has been relayed.
     */
    private List<String> publishedAccounts(String ws, int expected) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> commands(ws).size() >= expected);
        org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> jdbc.sql("SELECT count(*) FROM scheduler.outbox WHERE record_key LIKE ?")
                        .param(ws + "/%").query(Long.class).single() == 0);
        return commands(ws).stream().map(c -> c.payload().subject()).toList();
    }
}
