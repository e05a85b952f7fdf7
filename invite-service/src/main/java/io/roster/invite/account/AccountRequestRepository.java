package io.roster.invite.account;

import io.roster.messaging.Outbox;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Which of many (workspace, request id) pairs were handled, by {@link #key}. */
    Map<String, Handled> findAll(List<String> workspaceIds, List<String> requestIds) {
        Map<String, Handled> found = new HashMap<>();
        // One primary-key probe per request id whatever the (possibly stale) statistics say; see AccountRepository.
        jdbc.sql("SELECT r.workspace_id, r.request_id, r.outcome, r.account_id FROM unnest(?::text[], ?::text[])"
                        + " AS k(w, q) CROSS JOIN LATERAL (SELECT * FROM invite.account_request x"
                        + " WHERE x.workspace_id = k.w AND x.request_id = k.q LIMIT 1) r")
                .params(workspaceIds.toArray(String[]::new), requestIds.toArray(String[]::new))
                .query(rs -> {
                    found.put(key(rs.getString(1), rs.getString(2)),
                            new Handled("ACCEPTED".equals(rs.getString(3)), rs.getObject(4, UUID.class)));
                });
        return found;
    }

    static String key(String workspaceId, String requestId) {
        return workspaceId + '\u0000' + requestId;
    }

    record Outcome(String workspaceId, String requestId, String type, boolean accepted, UUID accountId) {
    }

    /** Many outcomes in one statement. */
    void recordAll(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        int n = outcomes.size();
        String[] w = new String[n];
        String[] q = new String[n];
        String[] t = new String[n];
        String[] o = new String[n];
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
            Outcome outcome = outcomes.get(i);
            w[i] = outcome.workspaceId();
            q[i] = outcome.requestId();
            t[i] = outcome.type();
            o[i] = outcome.accepted() ? "ACCEPTED" : "REJECTED";
            a[i] = outcome.accountId() == null ? null : outcome.accountId().toString();
        }
        jdbc.sql("INSERT INTO invite.account_request (workspace_id, request_id, type, outcome, account_id)"
                        + " SELECT w, q, t, o, a::uuid FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
                        + " ?::text[]) AS m(w, q, t, o, a)")
                .params(w, q, t, o, a)
                .update();
    }

    /** Records an outcome: {@code workspace_id, request_id, type, outcome, account_id}. */
    static final String INSERT = "INSERT INTO invite.account_request (workspace_id, request_id, type, outcome,"
            + " account_id) VALUES (?, ?, ?, ?, ?)";

    /** Recorded in the transaction of the outcome; a concurrent duplicate fails on the primary key and retries. */
    void record(String workspaceId, String requestId, String type, boolean accepted, UUID accountId) {
        Outbox.Insert insert = insertOf(workspaceId, requestId, type, accepted, accountId);
        jdbc.sql(insert.sql()).params(insert.params()).update();
    }

    /** {@link #record} as an INSERT for a data-modifying {@code WITH} clause of the caller's statement. */
    Outbox.Insert insertOf(String workspaceId, String requestId, String type, boolean accepted, UUID accountId) {
        return new Outbox.Insert(INSERT, Arrays.asList(workspaceId, requestId, type,
                accepted ? "ACCEPTED" : "REJECTED", accountId));
    }
}
