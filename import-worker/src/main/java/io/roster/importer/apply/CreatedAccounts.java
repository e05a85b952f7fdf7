package io.roster.importer.apply;

import io.roster.contracts.Envelope;
import io.roster.messaging.BinaryCopyRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run of {@code account.created.v1} events: the accounts into the projection ({@code known_account}, each with the
 * request id it answered) and their workspaces' licences used ({@code licences_used}: the accounts actually added),
 * and the rows those added accounts answer counted for their jobs. It needs no inbox: the projection is idempotent by
 * account id (and an account deleted since stays deleted: {@code known_account_gone}), and a row counts only with the
 * account its answer added — an event delivered again, in the same poll or a later one, adds no account, so counts
 * nothing. The rows are read, not written: the projection's request id is what says a row was created
 * ({@link #answered}). Nor is each row read to be counted: its request id names its job ({@code RequestIds}: the
 * job's 8 bytes, then the row number; {@code import_job.request_prefix}), and only the rows that can not count are
 * looked up, in an index of those alone ({@code V12__created_rows_counted_by_job.sql}). So an id of that form counts
 * for its job unless its row is one of those: an id no command of the job carried (a row number past the file's end)
 * would count too, but no one but the job sends commands under its ids.
 *
 * <p>A run is first written as if every account were new, which it is unless an answer was delivered again: a binary
 * COPY of the accounts (no text arrays to parse, the heap filled and extended in bulk, no ON CONFLICT's pre-check and
 * speculative insertion), in a savepoint, then one small statement counting what the run tallied
 * ({@link CreationTally}: all of it was added). An account projected before fails the COPY on the primary key
 * (23505): the savepoint undoes it, and the run goes through the one statement that inserts what is missing and counts
 * what it inserted ({@link #settled}). Deletion marks are looked up once per workspace, and per account only in a
 * workspace that has some.
 */
@Repository("importerCreatedAccounts")
class CreatedAccounts {

    private static final String COPY = "COPY importer.known_account (workspace_id, account_id, type, login, email,"
            + " first_name, last_name, status, request_id) FROM STDIN (FORMAT binary)";

    private final JdbcClient jdbc;
    private final JdbcOperations operations;
    private final TransactionTemplate savepoint;

    CreatedAccounts(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.operations = new JdbcTemplate(dataSource);
        this.savepoint = new TransactionTemplate(transactions.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The creations, in a few statements whatever their number; their workspace set on each. */
    void created(List<? extends Envelope<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ProjectedAccount> accounts = new ArrayList<>(events.size());
        for (Envelope<?> event : events) {
            accounts.add(ProjectedAccount.of(event));
        }
        if (repeatsAnAccount(accounts)) {
            settled(accounts); // an answer twice in the poll: the COPY would fail on it
            return;
        }
        List<ProjectedAccount> added = withoutDeleted(accounts);
        try {
            savepoint.executeWithoutResult(status -> copy(added));
        } catch (DuplicateKeyException e) {
            settled(accounts); // an answer delivered again: its account is in the projection already
            return;
        }
        counted(CreationTally.of(added));
    }

    private static boolean repeatsAnAccount(List<ProjectedAccount> accounts) {
        Set<List<String>> seen = new HashSet<>(accounts.size() * 2);
        for (ProjectedAccount a : accounts) {
            if (!seen.add(List.of(String.valueOf(a.workspaceId()), String.valueOf(a.accountId())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The accounts but those deleted since (an answer delivered again after its account's deletion): the workspaces
     * with deletion marks first, in one look-up, then the accounts of those alone.
     */
    private List<ProjectedAccount> withoutDeleted(List<ProjectedAccount> accounts) {
        String[] workspaces = accounts.stream().map(ProjectedAccount::workspaceId).distinct()
                .toArray(String[]::new);
        Set<String> marked = new HashSet<>(jdbc.sql("""
                SELECT w FROM unnest(?::text[]) w
                WHERE EXISTS (SELECT 1 FROM importer.known_account_gone g WHERE g.workspace_id = w)""")
                .param(workspaces).query(String.class).list());
        if (marked.isEmpty()) {
            return accounts;
        }
        List<ProjectedAccount> probed = accounts.stream().filter(a -> marked.contains(a.workspaceId())).toList();
        Set<List<String>> gone = new HashSet<>(jdbc.sql("""
                SELECT g.workspace_id, g.account_id FROM unnest(?::text[], ?::text[]) AS a (workspace_id, account_id)
                JOIN importer.known_account_gone g ON g.workspace_id = a.workspace_id AND g.account_id = a.account_id""")
                .params(probed.stream().map(ProjectedAccount::workspaceId).toArray(String[]::new),
                        probed.stream().map(ProjectedAccount::accountId).toArray(String[]::new))
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list());
        if (gone.isEmpty()) {
            return accounts;
        }
        return accounts.stream().filter(a -> !gone.contains(List.of(a.workspaceId(), a.accountId()))).toList();
    }

    private void copy(List<ProjectedAccount> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        BinaryCopyRows rows = new BinaryCopyRows(accounts.size() * 200);
        for (ProjectedAccount a : accounts) {
            rows.row(9).text(a.workspaceId()).text(a.accountId()).text(a.type().name()).text(a.login())
                    .text(a.email()).text(a.firstName()).text(a.lastName()).text(a.status().name())
                    .uuid(a.requestId());
        }
        rows.copyInto(operations, COPY);
    }

    /**
     * What a run all added counts: its licences, and its answers to each job's rows but those that can not count —
     * INVALID (never sent), REJECTED (refused first), CREATED (counted before V11) — looked up in the index of those
     * alone, within the range of the job's rows the run answers.
     */
    private void counted(CreationTally tally) {
        if (tally.isEmpty()) {
            return;
        }
        jdbc.sql("""
                WITH licences AS (
                    INSERT INTO importer.licences_used AS u (workspace_id, used)
                    SELECT * FROM unnest(?::text[], ?::bigint[]) ORDER BY 1
                    ON CONFLICT (workspace_id) DO UPDATE SET used = u.used + excluded.used),
                answered AS (
                    SELECT * FROM unnest(?::text[], ?::bytea[], ?::bigint[], ?::uuid[], ?::uuid[])
                        AS a (workspace_id, request_prefix, answers, first_id, last_id)),
                counted AS (
                    SELECT j.id AS job_id, a.answers - (SELECT count(*) FROM importer.import_row r
                            WHERE r.request_id BETWEEN a.first_id AND a.last_id
                                AND r.state NOT IN ('VALID', 'APPLIED') AND r.request_id = ANY (?::uuid[])) AS created
                    FROM answered a JOIN importer.import_job j ON j.request_prefix = a.request_prefix
                        AND j.workspace_id = a.workspace_id AND j.mode = 'IMPORT'
                    UNION ALL
                    SELECT r.job_id, count(*) FROM unnest(?::text[], ?::uuid[]) AS o (workspace_id, request_id)
                    JOIN importer.import_row r ON r.request_id = o.request_id AND r.state IN ('VALID', 'APPLIED')
                    JOIN importer.import_job j ON j.id = r.job_id AND j.workspace_id = o.workspace_id
                    GROUP BY r.job_id)
                UPDATE importer.import_job j SET accounts_created = j.accounts_created + c.created
                FROM (SELECT job_id, sum(created)::bigint AS created FROM counted GROUP BY job_id) c
                WHERE j.id = c.job_id AND c.created <> 0""")
                .params(tally.licenceWorkspaces(), tally.licencesTaken(), tally.jobWorkspaces(), tally.jobPrefixes(),
                        tally.jobAnswers(), texts(tally.firstIds()), texts(tally.lastIds()),
                        texts(tally.laidOutIds()), tally.otherWorkspaces(), texts(tally.otherIds()))
                .update();
    }

    /**
     * The run in one statement that adds the accounts not yet projected nor deleted, and counts the licences and
     * rows of those it added: for a run that repeats an account already projected, in the poll or before it.
     */
    private void settled(List<ProjectedAccount> accounts) {
        int n = accounts.size();
        String[] workspaces = new String[n];
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] logins = new String[n];
        String[] emails = new String[n];
        String[] firsts = new String[n];
        String[] lasts = new String[n];
        String[] statuses = new String[n];
        String[] requests = new String[n];
        for (int i = 0; i < n; i++) {
            ProjectedAccount a = accounts.get(i);
            workspaces[i] = a.workspaceId();
            ids[i] = a.accountId();
            types[i] = a.type().name();
            logins[i] = a.login();
            emails[i] = a.email();
            firsts[i] = a.firstName();
            lasts[i] = a.lastName();
            statuses[i] = a.status().name();
            requests[i] = text(a.requestId());
        }
        jdbc.sql("""
                WITH known AS (
                    INSERT INTO importer.known_account (workspace_id, account_id, type, login, email, first_name,
                        last_name, status, request_id)
                    SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::uuid[]) AS a (workspace_id, account_id, type, login, email, first_name,
                        last_name, status, request_id)
                    WHERE NOT EXISTS (SELECT 1 FROM importer.known_account_gone g
                        WHERE g.workspace_id = a.workspace_id AND g.account_id = a.account_id)
                    ON CONFLICT (workspace_id, account_id) DO NOTHING
                    RETURNING workspace_id, type, status, request_id),
                licences AS (
                    INSERT INTO importer.licences_used AS u (workspace_id, used)
                    SELECT workspace_id, count(*) FILTER (WHERE status <> 'CLOSED') FROM known WHERE type = 'USER'
                    GROUP BY workspace_id ORDER BY workspace_id
                    ON CONFLICT (workspace_id) DO UPDATE SET used = u.used + excluded.used),
                counted AS (
                    SELECT j.id AS job_id FROM known k
                    JOIN importer.import_job j ON j.request_prefix = substring(uuid_send(k.request_id) FROM 1 FOR 8)
                        AND j.workspace_id = k.workspace_id AND j.mode = 'IMPORT'
                    WHERE uuid_extract_version(k.request_id) = 8
                        AND NOT EXISTS (SELECT 1 FROM importer.import_row r WHERE r.request_id = k.request_id
                            AND r.state NOT IN ('VALID', 'APPLIED'))
                    UNION ALL
                    SELECT r.job_id FROM known k
                    JOIN importer.import_row r ON r.request_id = k.request_id AND r.state IN ('VALID', 'APPLIED')
                    JOIN importer.import_job j ON j.id = r.job_id AND j.workspace_id = k.workspace_id
                    WHERE uuid_extract_version(k.request_id) <> 8)
                UPDATE importer.import_job j SET accounts_created = j.accounts_created + c.created
                FROM (SELECT job_id, count(*) AS created FROM counted GROUP BY job_id) c
                WHERE j.id = c.job_id""")
                // a row counts for the account its answer added, in its own job's workspace only; a row refused
                // before (REJECTED), never sent (INVALID) or counted before V11 (CREATED) does not count again.
                // A row's id (RequestIds, version 8) names its job by its first 8 bytes: the job is found by them
                // and only a row that can not count is looked up (import_row_uncounted, a small index), where
                // each row was looked up by its id and read from the job's pages; a row staged with a name-based id
                // (before RequestIds) is still found by its id
                .params(workspaces, ids, types, logins, emails, firsts, lasts, statuses, requests)
                .update();
    }

    /**
     * Whether the row this request id names was created: an account of the workspace, still there or deleted since,
     * answered it. Asked for a refusal only (a conflicting replay under a request id a creation answered first):
     * through the row's login or e-mail, which the account's projection shares, rather than an index of every
     * account's request id.
     */
    boolean answered(String workspaceId, UUID requestId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM importer.import_row r JOIN importer.known_account k
                        ON k.workspace_id = ? AND (k.login = r.login OR k.email = r.email)
                        AND k.request_id = r.request_id
                    WHERE r.request_id = ?)
                    OR EXISTS (SELECT 1 FROM importer.known_account_gone g
                        WHERE g.workspace_id = ? AND g.request_id = ?)""")
                .params(workspaceId, requestId, workspaceId, requestId).query(Boolean.class).single();
    }

    /** The UUIDs as the statements' {@code ?::uuid[]} take them. */
    private static String[] texts(UUID[] ids) {
        String[] texts = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            texts[i] = text(ids[i]);
        }
        return texts;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    static Optional<UUID> requestId(String requestId) {
        try {
            return requestId == null ? Optional.empty() : Optional.of(UUID.fromString(requestId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
