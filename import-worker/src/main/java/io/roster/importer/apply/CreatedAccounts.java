package io.roster.importer.apply;

import io.roster.contracts.Envelope;
import io.roster.contracts.account.AccountCreated;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A run of {@code account.created.v1} events in one statement: the accounts into the projection
 * ({@code known_account}) and their workspaces' licences used ({@code licences_used}: the accounts actually added),
 * the rows they answer CREATED, and those rows counted for their jobs. It needs no inbox:
 * each part is idempotent — the projection by account id (and an account deleted since stays deleted:
 * {@code known_account_gone}), the rows by their state (a row is CREATED once, so counted once) — so an event
 * delivered again, in the same poll or a later one, changes nothing. One write per poll instead of four statements
 * (the inbox, the projection, the rows, the counts).
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
        String[] answers = new String[n];
        for (int i = 0; i < n; i++) {
            Envelope<?> event = events.get(i);
            AccountCreated c = (AccountCreated) event.payload();
            workspaces[i] = event.workspaceId();
            ids[i] = c.accountId();
            types[i] = c.accountType().name();
            logins[i] = lower(c.login());
            emails[i] = lower(c.email());
            firsts[i] = c.firstName();
            lasts[i] = c.lastName();
            statuses[i] = c.status().name();
            // an upstream system's request id need not be a UUID: such an answer answers no row of ours
            Optional<UUID> request = requestId(event.requestId());
            requests[i] = request.map(UUID::toString).orElse(null);
            answers[i] = request.map(r -> event.workspaceId() + ' ' + r).orElse(null);
        }
        jdbc.sql("""
                WITH known AS (
                    INSERT INTO importer.known_account (workspace_id, account_id, type, login, email, first_name,
                        last_name, status)
                    SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[]) AS a (workspace_id, account_id, type, login, email, first_name,
                        last_name, status)
                    WHERE NOT EXISTS (SELECT 1 FROM importer.known_account_gone g
                        WHERE g.workspace_id = a.workspace_id AND g.account_id = a.account_id)
                    ON CONFLICT (workspace_id, account_id) DO NOTHING
                    RETURNING workspace_id, type, status),
                licences AS (
                    INSERT INTO importer.licences_used AS u (workspace_id, used)
                    SELECT workspace_id, count(*) FILTER (WHERE status <> 'CLOSED') FROM known WHERE type = 'USER'
                    GROUP BY workspace_id ORDER BY workspace_id
                    ON CONFLICT (workspace_id) DO UPDATE SET used = u.used + excluded.used),
                done AS (
                    UPDATE importer.import_row r SET state = 'CREATED' FROM importer.import_job j
                    WHERE r.request_id = ANY (?::uuid[]) AND r.state IN ('VALID', 'APPLIED') AND j.id = r.job_id
                        AND j.workspace_id || ' ' || r.request_id = ANY (?::text[])
                    RETURNING r.job_id),
                counted AS (SELECT job_id, count(*) AS created FROM done GROUP BY job_id)
                UPDATE importer.import_job j SET accounts_created = j.accounts_created + c.created
                FROM counted c WHERE j.id = c.job_id""")
                // the request ids find the rows by their index whatever the statistics; the pairs keep the answers
                // of each workspace to its own jobs (a request id, fixed-length, ends each pair: no ambiguity)
                .params(workspaces, ids, types, logins, emails, firsts, lasts, statuses, requests, answers)
                .update();
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
