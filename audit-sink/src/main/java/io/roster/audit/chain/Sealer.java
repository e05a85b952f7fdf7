package io.roster.audit.chain;

import io.roster.audit.AuditProperties;
import io.roster.audit.activity.ChainLocks;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains the rows recorded since its last run, asynchronously: ingest never waits for a per-workspace lock, and the
 * chain order is the sealer's (recording id order within a run), stable once written. Each run first waits for the
 * writers in flight ({@link ChainLocks}), so that every id below the sequence's current value is final; then takes
 * the rows after its watermark, oldest id first, in batches, and per workspace gives each the next position, its
 * content hash, the previous chain hash and its own, written as one narrow row of {@code audit.activity_chain} (the
 * entry itself is never written again); the workspace's head and the watermark move in the same transaction.
 * Guarantee: a row is sealed within about {@code roster.audit.seal-interval} (1 s) of its commit while the sealer
 * keeps up. One sealer at a time per database (an advisory lock, which erasures take too: they never change a row
 * being hashed), whatever the number of instances.
 */
@Component("auditSealer")
public class Sealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sealer.class);
    static final int BATCH = 5000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditProperties properties;
    private ScheduledExecutorService executor;
    /** One run at a time in this instance (the scheduled one, retention's, a test's). */
    private final Object sealing = new Object();

    Sealer(JdbcTemplate jdbc, TransactionTemplate transactions, AuditProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Seals everything recorded (committed) before the call; returns how many rows. */
    public int sealPending() {
        synchronized (sealing) {
            return sealAll();
        }
    }

    private int sealAll() {
        // the highest id given so far; once the writers in flight have ended, every row up to it is committed or
        // never will be
        Long recorded = jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE 0 END"
                + " FROM audit.activity_log_seq", Long.class);
        awaitWritersInFlight();
        int total = 0;
        int sealed;
        do {
            sealed = transactions.execute(status -> {
                // another instance sealing: wait for its batch, then the rows left are ours
                jdbc.queryForList(ChainLocks.SEALING);
                return sealBatch(recorded);
            });
            total += sealed;
            // stopping: the batch committed is kept, the rest waits for the next start (stop() awaits this)
        } while (sealed == BATCH && !Thread.currentThread().isInterrupted());
        return total;
    }

    private void awaitWritersInFlight() {
        List<String> inFlight = jdbc.queryForList(ChainLocks.WRITERS_IN_FLIGHT, String.class, null, null);
        while (!inFlight.isEmpty()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the activity log's writers", e);
            }
            String[] those = inFlight.toArray(String[]::new);
            inFlight = jdbc.queryForList(ChainLocks.WRITERS_IN_FLIGHT, String.class, those, those);
        }
    }

    private record Sealed(long id, UUID eventId, OffsetDateTime occurredAt, String workspaceId, byte[] contentHash) {
    }

    private record Head(long seq, byte[] hash) {
    }

    /** Chains up to {@link #BATCH} rows after the watermark and up to {@code recorded}; returns how many. */
    private int sealBatch(long recorded) {
        Map<String, Object> progress = jdbc.queryForMap("SELECT sealed_up_to, chained_before FROM audit.seal_progress");
        long watermark = ((Number) progress.get("sealed_up_to")).longValue();
        if (watermark >= recorded) {
            return 0;
        }
        // rows chained before the chain had its own table (V6) are skipped; past them, no need to look
        String skipChained = watermark < ((Number) progress.get("chained_before")).longValue()
                ? " AND NOT EXISTS (SELECT 1 FROM audit.activity_chain c WHERE c.event_id = a.event_id"
                        + " AND c.occurred_at = a.occurred_at)" : "";
        List<Sealed> rows = jdbc.query("SELECT a.id, a.event_id, a.occurred_at, " + ChainContent.columns("a.")
                + " FROM audit.activity_log a WHERE a.id > ? AND a.id <= ?" + skipChained + " ORDER BY a.id LIMIT "
                + BATCH,
                (rs, n) -> new Sealed(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                        rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("workspace_id"),
                        ChainContent.hash(rs)), watermark, recorded);
        // a full batch may stop short of `recorded`: the next one starts after its last row
        long reached = rows.size() == BATCH ? rows.get(rows.size() - 1).id() : recorded;
        jdbc.update("UPDATE audit.seal_progress SET sealed_up_to = ?", reached);
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, Head> heads = new HashMap<>();
        for (String ws : rows.stream().map(Sealed::workspaceId).distinct().toList()) {
            heads.put(ws, jdbc.query("SELECT chain_seq, chain_hash FROM audit.chain_head WHERE workspace_id = ?"
                    + " FOR UPDATE", rs -> rs.next() ? new Head(rs.getLong(1), rs.getBytes(2))
                            : new Head(0, ChainHead.EMPTY.hash()), ws));
        }
        int n = rows.size();
        String[] events = new String[n];
        String[] times = new String[n];
        String[] workspaces = new String[n];
        Long[] seqs = new Long[n];
        byte[][] contents = new byte[n][];
        byte[][] previous = new byte[n][];
        byte[][] links = new byte[n][];
        for (int i = 0; i < n; i++) {
            Sealed row = rows.get(i);
            Head head = heads.get(row.workspaceId());
            byte[] link = ChainContent.link(head.hash(), row.contentHash());
            events[i] = row.eventId().toString();
            times[i] = row.occurredAt().toString();
            workspaces[i] = row.workspaceId();
            seqs[i] = head.seq() + 1;
            contents[i] = row.contentHash();
            previous[i] = head.hash();
            links[i] = link;
            heads.put(row.workspaceId(), new Head(head.seq() + 1, link));
        }
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO audit.activity_chain (event_id, occurred_at, workspace_id, chain_seq, content_hash,
                        prev_hash, chain_hash)
                    SELECT * FROM unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::bigint[], ?::bytea[], ?::bytea[],
                        ?::bytea[])""");
            insert.setArray(1, connection.createArrayOf("text", events));
            insert.setArray(2, connection.createArrayOf("text", times));
            insert.setArray(3, connection.createArrayOf("text", workspaces));
            insert.setArray(4, connection.createArrayOf("bigint", seqs));
            insert.setArray(5, connection.createArrayOf("bytea", contents));
            insert.setArray(6, connection.createArrayOf("bytea", previous));
            insert.setArray(7, connection.createArrayOf("bytea", links));
            return insert;
        });
        List<Object[]> headRows = new ArrayList<>();
        heads.forEach((ws, head) -> headRows.add(new Object[] {ws, head.seq(), head.hash()}));
        jdbc.batchUpdate("""
                INSERT INTO audit.chain_head (workspace_id, chain_seq, chain_hash) VALUES (?, ?, ?)
                ON CONFLICT (workspace_id) DO UPDATE SET chain_seq = EXCLUDED.chain_seq,
                    chain_hash = EXCLUDED.chain_hash""", headRows);
        return n;
    }

    private void sealSafely() {
        try {
            sealPending();
        } catch (RuntimeException e) {
            log.warn("activity log sealing failed (tried again in {}): {}", properties.sealInterval(), e.toString());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-sealer");
            t.setDaemon(true);
            return t;
        });
        long interval = properties.sealInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sealSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops before the DataSource closes (lifecycle beans stop before singletons are destroyed): a run in progress
     * ends after its current batch, instead of finding its connection closed under it and logging an ERROR.
     */
    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
