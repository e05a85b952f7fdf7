package io.roster.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Sends one service's outbox rows to Kafka, oldest first, and deletes them once the broker has acknowledged them:
 * from then on the broker holds them. At-least-once: a crash between the acknowledgement and the commit re-sends
 * the batch, which consumers drop by event id. A PostgreSQL advisory lock keeps a single relay active per outbox across
 * instances, so the order of one key's messages is the order they were written.
 * <p>
 * A row the producer refuses for good (too large for {@code max.request.size}...) is parked — moved to the outbox's
 * parked table with the reason — and the rows behind it go on: retrying it could only block every tenant's events.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** How long an id missing behind the relayed ones is waited for at least (see {@link RelayCursor}). */
    static final Duration GAP_PATIENCE = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final ParkedRows parkedRows;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration sendTimeout;
    private final long lingerMillis;
    private final int vacuumAfter;
    private long deletedSinceVacuum;
    private final Semaphore wakeUp = new Semaphore(0);
    /** Touched by the relaying thread only. */
    private final RelayCursor cursor = new RelayCursor(GAP_PATIENCE);
    private volatile Thread worker;
    private volatile boolean running;

    public OutboxRelay(Outbox outbox, JdbcClient jdbc, TransactionTemplate transactions,
            KafkaTemplate<String, byte[]> kafka, MessagingProperties.Relay settings) {
        this.outbox = outbox;
        this.parkedRows = new ParkedRows(jdbc, outbox);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.batchSize = settings.batchSize();
        this.pollInterval = settings.pollInterval();
        this.sendTimeout = settings.sendTimeout();
        this.lingerMillis = settings.linger().toMillis();
        this.vacuumAfter = settings.vacuumAfter();
        outbox.onCommit(this::wakeUp);
    }

    /** Called after a transaction that wrote to the outbox commits, so messages leave without waiting a poll. */
    public void wakeUp() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay-" + outbox.table());
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop before the Kafka listener containers and after them start (default phase is the highest). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(100);
        boolean cleaned = false;
        while (running) {
            try {
                if (!cleaned) {
                    // Earlier versions kept published rows, marked, and never purged them.
                    jdbc.sql("DELETE FROM " + outbox.table() + " WHERE published_at IS NOT NULL").update();
                    cleaned = true;
                }
                int sent = relayBatch();
                backoff = Duration.ofMillis(100);
                deletedSinceVacuum += sent;
                if (vacuumAfter > 0 && deletedSinceVacuum >= vacuumAfter) {
                    vacuum();
                }
                if (sent < batchSize) {
                    if (wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS) && lingerMillis > 0) {
                        // Requests committing one by one (REST) would otherwise each cost a relay transaction and
                        // a produce request: at 500 requests/s the relay sent about two events per batch.
                        Thread.sleep(lingerMillis);
                    }
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Outbox relay for {} failed, retrying in {} ms: {}", outbox.table(), backoff.toMillis(),
                        e.toString());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Every relayed row is deleted, and the poll walks the outbox's index from its oldest entry: entries of deleted
     * rows stay in it until a vacuum, and autovacuum comes by once a minute at best. At 5,000 events/s the poll
     * walked some 300,000 of them, 3.4 ms on average and up to 115 ms (pg_stat_statements). Without truncation, which
     * would lock the table against the inserting transactions.
     */
    private void vacuum() {
        long started = System.nanoTime();
        jdbc.sql("VACUUM (INDEX_CLEANUP ON, TRUNCATE OFF) " + outbox.table()).update();
        log.debug("Vacuumed {} after {} relayed rows in {} ms", outbox.table(), deletedSinceVacuum,
                (System.nanoTime() - started) / 1_000_000);
        deletedSinceVacuum = 0;
    }

    private static final String COLUMNS = "id, event_id, topic, record_key, type, value";

    /** An outbox row; its value the JSON's UTF-8 bytes as PostgreSQL sends them, never made a String. */
    private record Row(long id, UUID eventId, String topic, String key, String type, byte[] value) {
    }

    /**
     * What became of one batch: rows acknowledged (deleted), rows refused for good (parked), and the failure that
     * left the others unacknowledged, if one did.
     */
    private record BatchOutcome(int read, int delivered, List<ParkedRows.Refused> parked, Throwable unacknowledged,
            List<Long> left, Snapshot snapshot) {

        static final BatchOutcome NONE = new BatchOutcome(0, 0, List.of(), null, List.of(), null);
    }

    /** The oldest transaction still running (xmin) and the first xid not yet given (xmax), as PostgreSQL saw them. */
    private record Snapshot(long xmin, long xmax) {
    }

    /**
     * Relays one batch in one transaction; returns how many rows left the outbox (sent or parked). A row the
     * producer refuses for good is parked and the others go on; if any other row went unacknowledged, no sent row
     * is deleted (the whole batch is sent again, as before parking existed) and the failure is thrown once the
     * parking has committed.
     */
    int relayBatch() {
        BatchOutcome outcome = transactions.execute(status -> relayInTransaction());
        if (outcome == null) {
            return 0;
        }
        if (outcome.unacknowledged() == null && outcome.snapshot() != null) {
            // Committed: the rows that left are behind the cursor from now on.
            long now = System.nanoTime();
            cursor.left(outcome.left(), outcome.snapshot().xmax(), now);
            cursor.expire(outcome.snapshot().xmin(), now);
        }
        if (outcome.read() < batchSize) {
            cursor.caughtUp();
        }
        for (ParkedRows.Refused row : outcome.parked()) {
            log.error("Outbox {}: event {} (to {}, key {}) refused by the producer and parked in {}: {}",
                    outbox.table(), row.eventId(), row.topic(), StringUtils.truncate(row.key(), 200),
                    parkedRows.table(), row.reason());
        }
        if (outcome.unacknowledged() != null) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", outcome.unacknowledged());
        }
        return outcome.delivered() + outcome.parked().size();
    }

    private BatchOutcome relayInTransaction() {
        // No bitmap scan in this transaction: relayed (deleted) rows stay in the primary key until vacuumed, and a
        // bitmap scan visits every one of them on every poll (measured: 23 ms with 13,500 of them) where a plain
        // index scan marks them dead once and skips them from then on.
        boolean leader = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext(?))"
                        + " FROM set_config('enable_bitmapscan', 'off', true)")
                .param(outbox.table())
                .query(Boolean.class)
                .single();
        if (!leader) {
            // Another instance relays meanwhile: what this one knew of the outbox no longer holds.
            cursor.reset();
            return BatchOutcome.NONE;
        }
        RelayCursor.Read read = cursor.next(System.nanoTime());
        var statement = read.hasGaps()
                ? jdbc.sql("SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM " + outbox.table()
                                + " JOIN unnest(?::bigint[], ?::bigint[]) AS g(f, t) ON id BETWEEN g.f AND g.t"
                                + " WHERE published_at IS NULL UNION ALL (SELECT " + COLUMNS + " FROM "
                                + outbox.table() + " WHERE published_at IS NULL AND id > ? ORDER BY id LIMIT ?)) AS r"
                                + " ORDER BY id LIMIT ?")
                        .params(read.gapFrom().toArray(Long[]::new), read.gapTo().toArray(Long[]::new), read.above(),
                                batchSize, batchSize)
                : jdbc.sql("SELECT " + COLUMNS + " FROM " + outbox.table()
                                + " WHERE published_at IS NULL AND id > ? ORDER BY id LIMIT ?")
                        .params(read.above(), batchSize);
        List<Row> rows = statement
                .query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBytes(6)))
                .list();
        if (rows.isEmpty()) {
            return BatchOutcome.NONE;
        }
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(send(row));
        }
        kafka.flush();
        awaitAcknowledgements(acks);
        List<Long> delivered = new ArrayList<>(rows.size());
        List<ParkedRows.Refused> refused = new ArrayList<>();
        Throwable unacknowledged = null;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Throwable failure = failureOf(acks.get(i));
            if (failure == null) {
                delivered.add(row.id());
            } else if (SendRefusal.isFinal(failure)) {
                refused.add(new ParkedRows.Refused(row.id(), row.eventId(), row.topic(), row.key(),
                        SendRefusal.reason(failure)));
            } else if (unacknowledged == null) {
                unacknowledged = failure;
            }
        }
        parkedRows.park(refused);
        if (unacknowledged != null) {
            return new BatchOutcome(rows.size(), 0, refused, unacknowledged, List.of(), null);
        }
        // Deleted rather than marked published: an UPDATE writes a new version of the whole row, its JSON too
        // (measured: 30 µs and 1 KB of WAL per event, the second costliest statement of the Kafka path), and
        // published rows were never read again.
        if (!delivered.isEmpty()) {
            jdbc.sql("DELETE FROM " + outbox.table() + " WHERE id = ANY(?)")
                    .param(delivered.toArray(Long[]::new))
                    .update();
        }
        List<Long> left = new ArrayList<>(rows.size());
        rows.forEach(row -> left.add(row.id()));
        // Taken after the read: every transaction that may still write an id missing among these rows runs in it.
        Snapshot snapshot = jdbc.sql("SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint"
                        + " FROM pg_current_snapshot() AS s")
                .query((rs, n) -> new Snapshot(rs.getLong(1), rs.getLong(2)))
                .single();
        return new BatchOutcome(rows.size(), delivered.size(), refused, null, left, snapshot);
    }

    /** A send whose failure, even one thrown before the record left (a serializer's), is in its future. */
    private CompletableFuture<?> send(Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.value());
        record.headers().add(EnvelopeSerializer.TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8));
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits until every send is answered, successfully or not, or the send timeout is over. */
    private void awaitAcknowledgements(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .handle((ignored, failure) -> null)
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the outbox batch's acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            // Unanswered sends count as unacknowledged below.
        }
    }

    /** Why a send failed, or null once it was acknowledged. */
    private Throwable failureOf(CompletableFuture<?> ack) {
        if (!ack.isDone()) {
            return new TimeoutException("no acknowledgement within " + sendTimeout);
        }
        try {
            ack.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }
}
