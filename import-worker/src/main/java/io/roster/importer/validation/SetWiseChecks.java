package io.roster.importer.validation;

import io.roster.contracts.account.AccountTemplate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rules that need other rows or existing accounts, run once all of a job's rows are stored: a few statements
 * over the whole file (window functions and joins on {@code import_row} and the {@code known_account}
 * projection), never a map of a million keys in memory. Each adds its errors; the rows they hit become INVALID.
 */
@Component("importerSetWiseChecks")
public class SetWiseChecks {

    private final JdbcClient jdbc;

    public SetWiseChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param licencesFree licences the workspace has left, for a USERS file
     * @return the number of licences the file's rows would take beyond those left (0 when they fit)
     */
    public long run(UUID jobId, String workspaceId, AccountTemplate template, List<String> columns,
            long licencesFree) {
        // The in-file duplicates sort the file's keys: a million of them fit in 64 MB, where the default 4 MB had
        // PostgreSQL sort them in temporary files on disk. For this transaction only.
        jdbc.sql("SET LOCAL work_mem = '64MB'").update();
        duplicateInFile(jobId, columns, "email", "EMAIL", "address");
        duplicateInFile(jobId, columns, "login", "LOGIN", "login");
        existing(jobId, workspaceId, columns, "email", "EMAIL", "an account with this EMAIL already exists in the"
                + " workspace: leave the row out, or give another address");
        existing(jobId, workspaceId, columns, "login", "LOGIN", "an account with this LOGIN already exists in the"
                + " workspace: leave the row out, or choose another login");
        if (template == AccountTemplate.CONTACTS) {
            owners(jobId, workspaceId, columns);
        }
        markInvalid(jobId);
        return template == AccountTemplate.USERS ? licences(jobId, licencesFree) : 0;
    }

    /** The later rows with a key of an earlier row are the errors, each naming the first row. */
    /** The 1-based position of a template key among the job's cell columns (0, a NULL cell, when absent). */
    private static int cell(List<String> columns, String key) {
        return columns.indexOf(key) + 1;
    }

    private void duplicateInFile(UUID jobId, List<String> columns, String key, String column, String what) {
        jdbc.sql("""
                INSERT INTO importer.import_error (job_id, row_no, col, value, code, message)
                SELECT :job, row_no, :column, cells[:cell], 'duplicate_in_file',
                       'the same %s as row ' || first_row || ' of this file: each account needs its own'
                FROM (SELECT row_no, cells, min(row_no) OVER (PARTITION BY %s) AS first_row
                      FROM importer.import_row WHERE job_id = :job AND %s IS NOT NULL) d
                WHERE row_no > first_row""".formatted(what, key, key))
                .param("job", jobId).param("column", column).param("cell", cell(columns, column)).update();
    }

    private void existing(UUID jobId, String workspaceId, List<String> columns, String key, String column,
            String message) {
        jdbc.sql("""
                INSERT INTO importer.import_error (job_id, row_no, col, value, code, message)
                SELECT :job, r.row_no, :column, r.cells[:cell], 'duplicate', :message
                FROM importer.import_row r
                WHERE r.job_id = :job AND r.%s IS NOT NULL AND EXISTS (
                    SELECT 1 FROM importer.known_account k WHERE k.workspace_id = :ws AND k.%s = r.%s)"""
                        .formatted(key, key, key))
                .param("job", jobId).param("column", column).param("message", message).param("ws", workspaceId)
                .param("cell", cell(columns, column)).update();
    }

    /** Each contact's OWNER_LOGIN a USER of the workspace; OWNER_FIRSTNAME / OWNER_LASTNAME, when given, its own. */
    private void owners(UUID jobId, String workspaceId, List<String> columns) {
        jdbc.sql("""
                INSERT INTO importer.import_error (job_id, row_no, col, value, code, message)
                SELECT :job, r.row_no, c.col, r.cells[array_position(:columns::text[], c.col)], c.code, c.message
                FROM importer.import_row r
                LEFT JOIN importer.known_account k ON k.workspace_id = :ws AND k.type = 'USER'
                    AND k.login = r.owner_login
                CROSS JOIN LATERAL (VALUES
                    ('OWNER_LOGIN', 'owner_unknown', 'no user with login ''' || r.owner_login
                        || ''' in this workspace: write the LOGIN of an existing user, or import the users first',
                        k.account_id IS NULL),
                    ('OWNER_FIRSTNAME', 'owner_mismatch', 'user ''' || r.owner_login || ''' has the first name '''
                        || k.first_name || ''': write it, or leave the cell empty',
                        k.account_id IS NOT NULL AND r.owner_first IS NOT NULL
                            AND lower(r.owner_first) <> lower(k.first_name)),
                    ('OWNER_LASTNAME', 'owner_mismatch', 'user ''' || r.owner_login || ''' has the last name '''
                        || k.last_name || ''': write it, or leave the cell empty',
                        k.account_id IS NOT NULL AND r.owner_last IS NOT NULL
                            AND lower(r.owner_last) <> lower(k.last_name))
                ) AS c(col, code, message, failed)
                WHERE r.job_id = :job AND r.owner_login IS NOT NULL AND c.failed""")
                .param("job", jobId).param("ws", workspaceId).param("columns", columns.toArray(String[]::new))
                .update();
    }

    private void markInvalid(UUID jobId) {
        jdbc.sql("""
                UPDATE importer.import_row r SET state = 'INVALID'
                WHERE r.job_id = :job AND r.state = 'VALID'
                  AND EXISTS (SELECT 1 FROM importer.import_error e WHERE e.job_id = :job AND e.row_no = r.row_no)""")
                .param("job", jobId).update();
    }

    /**
     * The valid rows taking a licence beyond those left are refused, in file order: the file says so before any
     * account is created, rather than invite-service refusing the last ones one by one.
     */
    private long licences(UUID jobId, long free) {
        long wanted = jdbc.sql("SELECT count(*) FROM importer.import_row WHERE job_id = ? AND state = 'VALID'"
                + " AND takes_licence").param(jobId).query(Long.class).single();
        if (wanted <= free) {
            return 0;
        }
        jdbc.sql("""
                WITH over AS (
                    SELECT row_no FROM (
                        SELECT row_no, row_number() OVER (ORDER BY row_no) AS n FROM importer.import_row
                        WHERE job_id = :job AND state = 'VALID' AND takes_licence) t
                    WHERE n > :free),
                errors AS (
                    INSERT INTO importer.import_error (job_id, row_no, col, value, code, message)
                    SELECT :job, row_no, NULL, NULL, 'licences_exhausted', :message FROM over)
                UPDATE importer.import_row r SET state = 'INVALID' FROM over
                WHERE r.job_id = :job AND r.row_no = over.row_no""")
                .param("job", jobId).param("free", free)
                .param("message", "the workspace has " + free + " licences left and this file needs " + wanted
                        + ": this row is beyond them; add licences, or set STATUS to CLOSED")
                .update();
        return wanted - free;
    }
}
