package io.roster.importer.apply;

import io.roster.contracts.Envelope;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A run of {@code account.created.v1} events in one statement: the accounts into the projection
 * ({@code known_account}, each with the request id it answered) and their workspaces' licences used
 * ({@code licences_used}: the accounts actually added), and the rows those added accounts answer counted for their
 * jobs. It needs no inbox: the projection is idempotent by account id (and an account deleted since stays deleted:
 * {@code known_account_gone}), and a row counts only with the account its answer added — an event delivered again,
 * in the same poll or a later one, adds no account, so counts nothing. The rows are read, not written: the
 * projection's request id is what says a row was created ({@link #answered}), where rewriting each row CREATED made
 * a new version of the whole row, its cells too, and of its index entries (most of this statement's WAL). Nor is
 * each row read to be counted: its request id names its job ({@code RequestIds}: the job's 8 bytes, then the row
 * number; {@code import_job.request_prefix}), and only the rows that can not count are looked up, in an index of
 * those alone ({@code V12__created_rows_counted_by_job.sql}). So an id of that form counts for its job unless its
 * row is one of those: an id no command of the job carried (a row number past the file's end) would count too, but
 * no one but the job sends commands under its ids.
 */
@Repository("importerCreatedAccounts")
class CreatedAccounts {

    private final JdbcClient jdbc;

    CreatedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The creations, in one statement whatever their number; their workspace set on each. */
    void created(List<? extends Envelope<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
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
            Envelope<?> event = events.get(i);
            CreatedAccount c = CreatedAccount.from(event.payload());
            workspaces[i] = event.workspaceId();
            ids[i] = c.accountId();
            types[i] = c.accountType().name();
            logins[i] = lower(c.login());
            emails[i] = lower(c.email());
            firsts[i] = c.firstName();
            lasts[i] = c.lastName();
            statuses[i] = c.status().name();
            // an upstream system's request id need not be a UUID: such an answer answers no row of ours
            requests[i] = requestIdText(event.requestId());
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

    /**
     * The request id as the statement's {@code uuid[]} takes it: itself when it is a UUID as Roster writes them (36
     * lower-case hex digits and hyphens: what {@link UUID#toString} gives, so what parsing it would give back), with
     * no UUID and no new text made a row; any other form through {@link #requestId}; null for no UUID.
     */
    static String requestIdText(String requestId) {
        if (requestId != null && isCanonicalUuid(requestId)) {
            return requestId;
        }
        return requestId(requestId).map(UUID::toString).orElse(null);
    }

    private static boolean isCanonicalUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static Optional<UUID> requestId(String requestId) {
        try {
            return requestId == null ? Optional.empty() : Optional.of(UUID.fromString(requestId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
