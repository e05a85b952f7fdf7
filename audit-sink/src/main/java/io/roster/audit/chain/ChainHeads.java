package io.roster.audit.chain;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The heads of a workspace's chains, one per shard, as the last committed writes left them. */
@Repository("auditChainHeads")
public class ChainHeads {

    private final JdbcClient jdbc;

    ChainHeads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By shard; a chain started by a write that was rolled back (position 0) is no chain. */
    public List<ChainHead> of(String workspaceId) {
        return jdbc.sql("SELECT chain_shard, chain_seq, chain_hash FROM audit.chain_head WHERE workspace_id = ?"
                + " AND chain_seq > 0 ORDER BY chain_shard")
                .param(workspaceId).query((rs, n) -> new ChainHead(rs.getInt(1), rs.getLong(2), rs.getBytes(3)))
                .list();
    }
}
