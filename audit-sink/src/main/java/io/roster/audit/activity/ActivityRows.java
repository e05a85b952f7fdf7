package io.roster.audit.activity;

import io.roster.messaging.BinaryCopyRows;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * Appends rows to their chains and writes them, in the caller's transaction: the chains' heads locked, each row's
 * content hash and chain hash computed here from the values it is stored with (no read-back), the rows and their
 * place in the chain written together in one binary COPY, the heads moved on. A row's chain is that of its
 * workspace and shard ({@link ChainShard}).
 */
@Repository
class ActivityRows {

    private static final String COPY = "COPY audit.activity_log (event_id, workspace_id, occurred_at, type, action,"
            + " account_id, subject, actor_kind, actor_id, client_ip, request_id, summary, details, invitation_id,"
            + " chain_shard, chain_seq, content_hash, prev_hash, chain_hash) FROM STDIN (FORMAT binary)";
    private static final int COLUMNS = 19;

    private final JdbcTemplate jdbc;
    private final ChainHeadLocks heads;

    ActivityRows(JdbcTemplate jdbc, ChainHeadLocks heads) {
        this.jdbc = jdbc;
        this.heads = heads;
    }

    /** A row and the shard of its workspace's chains it joins. */
    record Entry(ActivityRow row, int shard) {
        ChainHeadLocks.Chain chain() {
            return new ChainHeadLocks.Chain(row.workspaceId(), shard);
        }
    }

    /**
     * Appends rows none of which is recorded yet (no two with one key). A row recorded already (a redelivery) makes
     * the COPY fail with a unique violation ({@link org.springframework.dao.DuplicateKeyException}) before anything
     * is chained for good: the transaction rolls back, and the caller writes the rows again with {@link #appendNew}.
     */
    void append(List<Entry> entries) {
        if (!entries.isEmpty()) {
            write(entries, heads.lock(chains(entries)));
        }
    }

    /**
     * Appends the rows not recorded yet (no two with one key given) and returns their keys. Those recorded are
     * found once the heads are locked: a redelivered event is in the chain of its first delivery (the same
     * partition), so its first delivery is committed by then, or rolled back.
     */
    Set<RowKey> appendNew(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Set.of();
        }
        Map<ChainHeadLocks.Chain, ChainHeadLocks.Head> locked = heads.lock(chains(entries));
        Set<RowKey> recorded = recorded(entries);
        List<Entry> fresh = new ArrayList<>(entries.size());
        Set<RowKey> appended = new HashSet<>();
        for (Entry e : entries) {
            if (!recorded.contains(e.row().key())) {
                fresh.add(e);
                appended.add(e.row().key());
            }
        }
        if (!fresh.isEmpty()) {
            write(fresh, locked);
        }
        return appended;
    }

    private static Set<ChainHeadLocks.Chain> chains(List<Entry> entries) {
        Set<ChainHeadLocks.Chain> chains = new LinkedHashSet<>();
        for (Entry e : entries) {
            chains.add(e.chain());
        }
        return chains;
    }

    /** Which of the rows' keys are in the log already: one statement for them all. */
    private Set<RowKey> recorded(List<Entry> entries) {
        String[] ids = new String[entries.size()];
        String[] times = new String[entries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = entries.get(i).row().eventId().toString();
            times[i] = entries.get(i).row().occurredAt().toString();
        }
        Set<RowKey> recorded = new HashSet<>();
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("""
                    SELECT a.event_id, a.occurred_at FROM audit.activity_log a
                    JOIN unnest(?::uuid[], ?::timestamptz[]) AS x(e, o) ON a.event_id = x.e AND a.occurred_at = x.o""");
            select.setArray(1, connection.createArrayOf("text", ids));
            select.setArray(2, connection.createArrayOf("text", times));
            return select;
        }, (RowCallbackHandler) rs -> recorded.add(new RowKey(rs.getObject(1, UUID.class),
                rs.getObject(2, OffsetDateTime.class).toInstant())));
        return recorded;
    }

    private void write(List<Entry> entries, Map<ChainHeadLocks.Chain, ChainHeadLocks.Head> locked) {
        MessageDigest digest = ChainContent.sha256();
        BinaryCopyRows copy = new BinaryCopyRows(entries.size() * 640);
        for (Entry e : entries) {
            ActivityRow row = e.row();
            ChainHeadLocks.Head head = locked.get(e.chain());
            byte[][] texts = ChainContent.texts(row);
            long micros = ChainContent.micros(row.occurredAt());
            byte[] content = ChainContent.hash(micros, texts, digest);
            byte[] previous = head.hash;
            head.hash = ChainContent.link(previous, content, digest);
            head.seq++;
            // The time is written as the very microseconds hashed, so what is stored is what the chain hashed;
            // ActivityRow has rounded it to whole microseconds already, so they are also its exact instant.
            copy.row(COLUMNS).uuid(row.eventId()).utf8(texts[1]).timestamptzMicros(micros);
            for (int i = 2; i < texts.length; i++) {
                if (i == ChainContent.DETAILS_TEXT) {
                    copy.jsonb(texts[i]);
                } else {
                    copy.utf8(texts[i]);
                }
            }
            copy.int2(e.shard()).int8(head.seq).bytea(content).bytea(previous).bytea(head.hash);
        }
        copy.copyInto(jdbc, COPY);
        heads.advance(locked);
    }
}
