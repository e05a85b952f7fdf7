package io.roster.audit.chain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The head of each workspace's chain, as the sealer left it. */
@Repository("auditChainHeads")
public class ChainHeads {

    private final JdbcClient jdbc;

    ChainHeads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ChainHead of(String workspaceId) {
        return jdbc.sql("SELECT chain_seq, chain_hash FROM audit.chain_head WHERE workspace_id = ?")
                .param(workspaceId).query((rs, n) -> new ChainHead(rs.getLong(1), rs.getBytes(2))).optional()
                .orElse(ChainHead.EMPTY);
    }
}
