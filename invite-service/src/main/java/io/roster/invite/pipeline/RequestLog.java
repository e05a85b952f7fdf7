package io.roster.invite.pipeline;

import io.roster.messaging.BinaryCopyRows;
import io.roster.messaging.Outbox;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which request ids were handled ({@code account_request}), so a command published twice has one effect, and with
 * which request: the fingerprint of its type and payload tells a replay from another request under the same id.
 */
@Repository
public class RequestLog {

    private final JdbcClient jdbc;

    RequestLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A request handled before; {@code fingerprint} is null for requests logged before fingerprints were kept. */
    record Handled(boolean accepted, UUID accountId, byte[] fingerprint) {

        boolean sameRequestAs(byte[] other) {
            return fingerprint == null || Arrays.equals(fingerprint, other);
        }
    }

    Optional<Handled> find(String workspaceId, String requestId) {
        return jdbc.sql("SELECT outcome, account_id, fingerprint FROM invite.account_request WHERE workspace_id = ?"
                        + " AND request_id = ?")
                .params(workspaceId, requestId)
                .query((rs, n) -> new Handled(Verdict.valueOf(rs.getString(1)) == Verdict.ACCEPTED, rs.getObject(2, UUID.class),
                        rs.getBytes(3)))
                .optional();
    }

    /** Which of many (workspace, request id) pairs were handled, by {@link #key}. */
    Map<String, Handled> findAll(List<String> workspaceIds, List<String> requestIds) {
        Map<String, Handled> found = new HashMap<>();
        // One primary-key probe per request id whatever the (possibly stale) statistics say; see AccountRepository.
        jdbc.sql("SELECT r.workspace_id, r.request_id, r.outcome, r.account_id, r.fingerprint"
                        + " FROM unnest(?::text[], ?::text[]) AS k(w, q) CROSS JOIN LATERAL (SELECT * FROM"
                        + " invite.account_request x WHERE x.workspace_id = k.w AND x.request_id = k.q LIMIT 1) r")
                .params(workspaceIds.toArray(String[]::new), requestIds.toArray(String[]::new))
                .query(rs -> {
                    found.put(key(rs.getString(1), rs.getString(2)), new Handled(Verdict.valueOf(rs.getString(3)) == Verdict.ACCEPTED,
                            rs.getObject(4, UUID.class), rs.getBytes(5)));
                });
        return found;
    }

    static String key(String workspaceId, String requestId) {
        return workspaceId + '\u0000' + requestId;
    }

    /** The outcome of one request, to log. */
    public record Entry(String workspaceId, String requestId, String type, Verdict verdict, UUID accountId,
            byte[] fingerprint) {
    }

    /** How a request ended. */
    public enum Verdict { ACCEPTED, REJECTED }

    /** Logs one outcome: in the transaction of the outcome, so a concurrent duplicate fails on the primary key. */
    void record(Entry entry) {
        Outbox.Insert insert = insertOf(entry);
        jdbc.sql(insert.sql()).params(insert.params()).update();
    }

    /** {@link #record} as an INSERT for a data-modifying {@code WITH} clause of the caller's statement. */
    public Outbox.Insert insertOf(Entry entry) {
        return new Outbox.Insert("INSERT INTO invite.account_request (workspace_id, request_id, type, outcome,"
                + " account_id, fingerprint) VALUES (?, ?, ?, ?, ?, ?)", Arrays.asList(entry.workspaceId(),
                entry.requestId(), entry.type(), entry.verdict().name(), entry.accountId(), entry.fingerprint()));
    }

    /**
     * Many outcomes as one binary COPY, for the caller to run in the transaction of the outcomes: a concurrent
     * duplicate fails it on the primary key, as it fails {@link #insertAllOf}'s INSERT.
     */
    public Outbox.Copy copyAllOf(List<Entry> entries) {
        BinaryCopyRows rows = new BinaryCopyRows(entries.size() * 160);
        for (Entry entry : entries) {
            rows.row(6)
                    .text(entry.workspaceId())
                    .text(entry.requestId())
                    .text(entry.type())
                    .text(entry.verdict().name())
                    .uuid(entry.accountId())
                    .utf8(entry.fingerprint());
        }
        return new Outbox.Copy("COPY invite.account_request (workspace_id, request_id, type, outcome, account_id,"
                + " fingerprint) FROM STDIN (FORMAT binary)", rows);
    }

    /** Many outcomes as one INSERT for a data-modifying {@code WITH} clause of the caller's statement. */
    public Outbox.Insert insertAllOf(List<Entry> entries) {
        int n = entries.size();
        String[] w = new String[n];
        String[] q = new String[n];
        String[] t = new String[n];
        String[] o = new String[n];
        String[] a = new String[n];
        byte[][] f = new byte[n][];
        for (int i = 0; i < n; i++) {
            Entry entry = entries.get(i);
            w[i] = entry.workspaceId();
            q[i] = entry.requestId();
            t[i] = entry.type();
            o[i] = entry.verdict().name();
            a[i] = entry.accountId() == null ? null : entry.accountId().toString();
            f[i] = entry.fingerprint();
        }
        return new Outbox.Insert("INSERT INTO invite.account_request (workspace_id, request_id, type, outcome,"
                + " account_id, fingerprint) SELECT w, q, t, o, a::uuid, f FROM unnest(?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[]) AS m(w, q, t, o, a, f)",
                List.<Object>of(w, q, t, o, a, f));
    }
}
