package io.roster.invite;

import static io.roster.invite.PipelineCommands.command;
import static io.roster.invite.PipelineCommands.newWorkspace;
import static io.roster.invite.PipelineCommands.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.SuspendAccount;
import io.roster.invite.pipeline.CommandPipeline;
import io.roster.invite.workspace.WorkspaceRepository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A status change rewrites the account row on its own page and adds no index entry (a heap-only update): no index
 * of {@code invite.account} holds the status, and its pages keep room for the new versions (V20). What made a million
 * suspensions cost more than a million index insertions into each of the table's indexes.
 */
@InviteServiceIntegrationTest
class AccountStatusInPlaceIT {

    @Autowired
    CommandPipeline pipeline;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aRunOfSuspensionsChangesTheRowsInPlace() {
        String ws = newWorkspace(workspaces, "in-place", 100);
        List<Envelope<Payload>> creations = new ArrayList<>();
        // Few, so that their new versions fit the room their page keeps whatever other tests changed on it.
        for (int i = 0; i < 10; i++) {
            creations.add(command(ws, "create-" + i, user("u" + i, "ACTIVE")));
        }
        assertThat(pipeline.handleBatch(creations)).isEqualTo(-1);
        List<String> ids = jdbc.sql("SELECT id::text FROM invite.account WHERE workspace_id = ? ORDER BY id")
                .param(ws).query(String.class).list();
        assertThat(ids).hasSize(10);

        // The transaction's own counters: exact whatever other tests change meanwhile. The poll's transaction is
        // joined, and undone at the end.
        long[] updated = new long[2];
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            assertThat(pipeline.handleBatch(ids.stream()
                    .map(id -> command(ws, "s-" + id, new SuspendAccount(id, "in place"))).toList())).isEqualTo(-1);
            assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE workspace_id = ? AND status = 'INACTIVE'")
                    .param(ws).query(Long.class).single()).isEqualTo(10);
            updated[0] = counter("pg_stat_get_xact_tuples_updated");
            updated[1] = counter("pg_stat_get_xact_tuples_hot_updated");
            tx.setRollbackOnly();
        });

        assertThat(updated[0]).as("accounts updated").isEqualTo(10);
        assertThat(updated[1]).as("of which heap-only").isEqualTo(10);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE schemaname = 'invite' AND tablename = 'account'"
                + " AND indexdef ~ '\\mstatus\\M'").query(Long.class).single()).as("indexes holding the status")
                .isZero();
    }

    private long counter(String function) {
        return jdbc.sql("SELECT " + function + "('invite.account'::regclass)").query(Long.class).single();
    }
}
