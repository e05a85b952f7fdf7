package io.roster.audit.activity;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The heads of the chains a write extends, in the writing transaction: locked first (a chain not started yet is
 * started at position 0), advanced once its rows are linked. One statement each, whatever the number of chains.
 */
@Repository("auditChainHeadLocks")
class ChainHeadLocks {

    /** The chain hash before a chain's first row. */
    static final byte[] START = new byte[32];

    private final JdbcTemplate jdbc;

    ChainHeadLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A workspace's chain of a shard. */
    record Chain(String workspaceId, int shard) {
    }

    /** A chain's last position and chain hash, moved on by the writer as it links rows. */
    static final class Head {
        long seq;
        byte[] hash;

        Head(long seq, byte[] hash) {
            this.seq = seq;
            this.hash = hash;
        }
    }

    /**
     * Locks the chains' heads until the transaction ends, in one order for every writer (the statement's, by
     * workspace and shard), so that two writers sharing chains wait for each other instead of deadlocking. A chain's
     * head is inserted if missing: two writers starting the same chain then take turns too, never both at 0.
     */
    Map<Chain, Head> lock(Collection<Chain> chains) {
        String[] workspaces = new String[chains.size()];
        Integer[] shards = new Integer[chains.size()];
        int i = 0;
        for (Chain chain : chains) {
            workspaces[i] = chain.workspaceId();
            shards[i++] = chain.shard();
        }
        Map<Chain, Head> heads = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO audit.chain_head (workspace_id, chain_shard, chain_seq, chain_hash)
                    SELECT w, s, 0, ? FROM unnest(?::text[], ?::smallint[]) AS x(w, s) ORDER BY w, s
                    ON CONFLICT (workspace_id, chain_shard) DO UPDATE SET chain_seq = audit.chain_head.chain_seq
                    RETURNING workspace_id, chain_shard, chain_seq, chain_hash""");
            upsert.setBytes(1, START);
            upsert.setArray(2, connection.createArrayOf("text", workspaces));
            upsert.setArray(3, connection.createArrayOf("smallint", shards));
            return upsert;
        }, (RowCallbackHandler) rs -> heads.put(new Chain(rs.getString(1), rs.getInt(2)),
                new Head(rs.getLong(3), rs.getBytes(4))));
        return heads;
    }

    /** Moves the heads to where the transaction's rows took them. */
    void advance(Map<Chain, Head> heads) {
        String[] workspaces = new String[heads.size()];
        Integer[] shards = new Integer[heads.size()];
        Long[] seqs = new Long[heads.size()];
        byte[][] hashes = new byte[heads.size()][];
        int i = 0;
        for (Map.Entry<Chain, Head> head : heads.entrySet()) {
            workspaces[i] = head.getKey().workspaceId();
            shards[i] = head.getKey().shard();
            seqs[i] = head.getValue().seq;
            hashes[i++] = head.getValue().hash;
        }
        jdbc.update(connection -> {
            PreparedStatement update = connection.prepareStatement("""
                    UPDATE audit.chain_head h SET chain_seq = x.q, chain_hash = x.c
                    FROM unnest(?::text[], ?::smallint[], ?::bigint[], ?::bytea[]) AS x(w, s, q, c)
                    WHERE h.workspace_id = x.w AND h.chain_shard = x.s""");
            update.setArray(1, connection.createArrayOf("text", workspaces));
            update.setArray(2, connection.createArrayOf("smallint", shards));
            update.setArray(3, connection.createArrayOf("bigint", seqs));
            update.setArray(4, connection.createArrayOf("bytea", hashes));
            return update;
        });
    }
}
