package io.roster.audit.chain;

import io.roster.audit.AuditProperties;
import io.roster.audit.activity.ChainLocks;
import java.io.IOException;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
        MessageDigest digest = ChainContent.sha256();
        // the key is read once, as the hashed columns' event id and time (h_event, h_at)
        List<Sealed> rows = jdbc.query("SELECT a.id, " + ChainContent.columns("a.")
                + " FROM audit.activity_log a WHERE a.id > ? AND a.id <= ?" + skipChained + " ORDER BY a.id LIMIT "
                + BATCH,
                (rs, n) -> new Sealed(rs.getLong("id"), rs.getObject("h_event", UUID.class),
                        rs.getObject("h_at", OffsetDateTime.class), rs.getString("workspace_id"),
                        ChainContent.hash(rs, digest)), watermark, recorded);
        // a full batch may stop short of `recorded`: the next one starts after its last row
        long reached = rows.size() == BATCH ? rows.get(rows.size() - 1).id() : recorded;
        jdbc.update("UPDATE audit.seal_progress SET sealed_up_to = ?", reached);
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, Head> heads = heads(rows.stream().map(Sealed::workspaceId).distinct().toArray(String[]::new));
        // the chain's rows in PostgreSQL's binary COPY format: a third of the cost of an INSERT of unnested arrays
        // of text (uuid, timestamp and bytea parsing, the arrays themselves), the batch's largest statement
        BinaryCopy chain = new BinaryCopy(rows.size() * 200);
        for (Sealed row : rows) {
            Head head = heads.get(row.workspaceId());
            byte[] link = ChainContent.link(head.hash(), row.contentHash(), digest);
            chain.row(7).uuid(row.eventId()).timestamptz(row.occurredAt().toInstant()).text(row.workspaceId())
                    .int8(head.seq() + 1).bytea(row.contentHash()).bytea(head.hash()).bytea(link);
            heads.put(row.workspaceId(), new Head(head.seq() + 1, link));
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_CHAIN, chain.end());
            } catch (IOException e) {
                throw new SQLException("COPY into audit.activity_chain failed", e);
            }
        });
        // every head of the batch in one statement
        String[] workspaces = heads.keySet().toArray(String[]::new);
        Long[] seqs = new Long[workspaces.length];
        byte[][] hashes = new byte[workspaces.length][];
        for (int i = 0; i < workspaces.length; i++) {
            seqs[i] = heads.get(workspaces[i]).seq();
            hashes[i] = heads.get(workspaces[i]).hash();
        }
        jdbc.update(connection -> {
            PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO audit.chain_head (workspace_id, chain_seq, chain_hash)
                    SELECT * FROM unnest(?::text[], ?::bigint[], ?::bytea[])
                    ON CONFLICT (workspace_id) DO UPDATE SET chain_seq = EXCLUDED.chain_seq,
                        chain_hash = EXCLUDED.chain_hash""");
            upsert.setArray(1, connection.createArrayOf("text", workspaces));
            upsert.setArray(2, connection.createArrayOf("bigint", seqs));
            upsert.setArray(3, connection.createArrayOf("bytea", hashes));
            return upsert;
        });
        return rows.size();
    }

    private static final String COPY_CHAIN = "COPY audit.activity_chain (event_id, occurred_at, workspace_id,"
            + " chain_seq, content_hash, prev_hash, chain_hash) FROM STDIN (FORMAT binary)";

    /** The heads of these workspaces, locked for the batch; a workspace without one starts the chain. */
    private Map<String, Head> heads(String[] workspaces) {
        Map<String, Head> heads = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("SELECT workspace_id, chain_seq, chain_hash"
                    + " FROM audit.chain_head WHERE workspace_id = ANY (?) FOR UPDATE");
            select.setArray(1, connection.createArrayOf("text", workspaces));
            return select;
        }, (RowCallbackHandler) rs -> heads.put(rs.getString(1), new Head(rs.getLong(2), rs.getBytes(3))));
        for (String ws : workspaces) {
            heads.putIfAbsent(ws, new Head(0, ChainHead.EMPTY.hash()));
        }
        return heads;
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
