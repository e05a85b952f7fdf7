package io.roster.invite.account;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which request ids were handled, so a command published twice has one effect. */
@Repository
class AccountRequestRepository {

    private final JdbcClient jdbc;

    AccountRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Handled(boolean accepted, UUID accountId) {
    }

    Optional<Handled> find(String workspaceId, String requestId) {
        return jdbc.sql("SELECT outcome, account_id FROM invite.account_request WHERE workspace_id = ?"
                        + " AND request_id = ?")
                .params(workspaceId, requestId)
                .query((rs, n) -> new Handled("ACCEPTED".equals(rs.getString(1)), rs.getObject(2, UUID.class)))
                .optional();
    }

    /** Recorded in the transaction of the outcome; a concurrent duplicate fails on the primary key and retries. */
    void record(String workspaceId, String requestId, String type, boolean accepted, UUID accountId) {
        jdbc.sql("INSERT INTO invite.account_request (workspace_id, request_id, type, outcome, account_id)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(workspaceId, requestId, type, accepted ? "ACCEPTED" : "REJECTED", accountId)
                .update();
    }
}
