package io.roster.audit.chain;

import io.roster.audit.AuditProperties;
import java.sql.Array;
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
 * chain order is the sealer's (recording id order within a run), stable once written. Each run takes the unsealed
 * rows oldest id first, in batches, locks them (an erasure waits for the batch rather than change a row being
 * hashed), and per workspace gives each the next position, its content hash, the previous chain hash and its own;
 * the workspace's head moves in the same transaction. Guarantee: a row is sealed within about
 * {@code roster.audit.seal-interval} (1 s) of its commit while the sealer keeps up. One sealer at a time per database
 * (an advisory lock), whatever the number of instances.
 */
@Component("auditSealer")
public class Sealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sealer.class);
    static final int BATCH = 5000;
    private static final long LOCK = 0x61756469745f73L; // "audit_s"

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

    /** Seals everything unsealed now; returns how many rows. */
    public int sealPending() {
        synchronized (sealing) {
            return sealAll();
        }
    }

    private int sealAll() {
        int total = 0;
        int sealed;
        do {
            sealed = transactions.execute(status -> {
                // another instance sealing: wait for its batch, then the rows left are ours
                jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", LOCK);
                return sealBatch();
            });
            total += sealed;
            // stopping: the batch committed is kept, the rest waits for the next start (stop() awaits this)
        } while (sealed == BATCH && !Thread.currentThread().isInterrupted());
        return total;
    }

    private record Sealed(UUID eventId, OffsetDateTime occurredAt, String workspaceId, byte[] contentHash) {
    }

    private record Head(long seq, byte[] hash) {
    }

    private int sealBatch() {
        List<Sealed> rows = jdbc.query("SELECT event_id, occurred_at, " + ChainContent.COLUMNS
                + " FROM audit.activity_log WHERE chain_seq IS NULL ORDER BY id LIMIT " + BATCH + " FOR UPDATE",
                (rs, n) -> new Sealed(rs.getObject("event_id", UUID.class),
                        rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("workspace_id"),
                        ChainContent.hash(rs)));
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
            seqs[i] = head.seq() + 1;
            contents[i] = row.contentHash();
            previous[i] = head.hash();
            links[i] = link;
            heads.put(row.workspaceId(), new Head(head.seq() + 1, link));
        }
        jdbc.update(connection -> {
            PreparedStatement update = connection.prepareStatement("""
                    UPDATE audit.activity_log a SET chain_seq = v.seq, content_hash = v.content, prev_hash = v.prev,
                        chain_hash = v.link
                    FROM unnest(?::uuid[], ?::timestamptz[], ?::bigint[], ?::bytea[], ?::bytea[], ?::bytea[])
                         AS v(event_id, occurred_at, seq, content, prev, link)
                    WHERE a.event_id = v.event_id AND a.occurred_at = v.occurred_at""");
            update.setArray(1, connection.createArrayOf("text", events));
            update.setArray(2, connection.createArrayOf("text", times));
            update.setArray(3, connection.createArrayOf("bigint", seqs));
            Array c = connection.createArrayOf("bytea", contents);
            update.setArray(4, c);
            update.setArray(5, connection.createArrayOf("bytea", previous));
            update.setArray(6, connection.createArrayOf("bytea", links));
            return update;
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
