package io.roster.importer.rows;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import io.roster.importer.file.FailedRow;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.validation.RowVerdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * {@code importer.import_row} and {@code importer.import_error}: each data row of a job with its keys, cells and
 * state, and every error found in it — while reading, by the set-wise checks, or when applied.
 */
@Repository("importerImportRows")
public class ImportRows {

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public ImportRows(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The request id of a row's command: derived from the job and the row, so a retry sends the same one. */
    public static UUID requestId(UUID jobId, long row) {
        return UUID.nameUUIDFromBytes(("roster-import:" + jobId + ":" + row).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A slice of rows, COPYed in (no statement to parse and plan per slice, no array parameters to decode), and its
     * errors. The slice's transaction moves the job's checkpoint first: that locks the job, so no other instance
     * writes the same rows meanwhile.
     *
     * @param columns the job's cell columns: each row's cells are stored in their order
     */
    public void insert(UUID jobId, List<String> columns, List<RowVerdict> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder copy = new StringBuilder(rows.size() * 320);
        String job = jobId.toString();
        List<Long> errorRows = new ArrayList<>();
        List<String> errorColumns = new ArrayList<>();
        List<String> errorValues = new ArrayList<>();
        List<String> errorCodes = new ArrayList<>();
        List<String> errorMessages = new ArrayList<>();
        String[] cells = new String[columns.size()];
        for (RowVerdict r : rows) {
            for (int c = 0; c < cells.length; c++) {
                cells[c] = r.cells().get(columns.get(c));
            }
            CopyText.row(copy, job, Long.toString(r.row()), requestId(jobId, r.row()).toString(), r.login(),
                    r.email(), r.ownerLogin(), r.ownerFirstName(), r.ownerLastName(), r.takesLicence() ? "t" : "f",
                    CopyText.array(cells), r.valid() ? RowState.VALID.name() : RowState.INVALID.name());
            for (RowError error : r.errors()) {
                errorRows.add(r.row());
                errorColumns.add(error.column() == null ? null : error.column().key());
                errorValues.add(error.column() == null ? null : r.cells().get(error.column().key()));
                errorCodes.add(error.code());
                errorMessages.add(error.message());
            }
        }
        copyIn("COPY importer.import_row (job_id, row_no, request_id, login, email, owner_login, owner_first,"
                + " owner_last, takes_licence, cells, state) FROM STDIN", copy);
        if (!errorRows.isEmpty()) {
            insertErrors(jobId, errorRows, errorColumns, errorValues, errorCodes, errorMessages);
        }
    }

    private void copyIn(String sql, CharSequence text) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql,
                    new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (SQLException e) {
            throw new UncategorizedSQLException("COPY", sql, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void insertErrors(UUID jobId, List<Long> rows, List<String> columns, List<String> values,
            List<String> codes, List<String> messages) {
        jdbc.sql("""
                INSERT INTO importer.import_error (job_id, row_no, col, value, code, message)
                SELECT ?, r, c, v, k, m FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                    WITH ORDINALITY AS u(r, c, v, k, m, n) ORDER BY n""")
                .params(jobId, rows.toArray(Long[]::new), columns.toArray(String[]::new),
                        values.toArray(String[]::new), codes.toArray(String[]::new), messages.toArray(String[]::new))
                .update();
    }

    /**
     * The next rows to apply, after {@code afterRow}, in file order; their cells by the job's columns. Every row that
     * passed the checks, answered or not: a slice whose checkpoint did not move after its commands were sent is sent
     * again as it was, and counted as it was.
     */
    public List<StoredRow> toApply(UUID jobId, List<String> columns, long afterRow, int limit) {
        return jdbc.sql("""
                SELECT row_no, request_id, cells FROM importer.import_row
                WHERE job_id = ? AND row_no > ? AND state <> 'INVALID' ORDER BY row_no LIMIT ?""")
                .params(jobId, afterRow, limit)
                .query((rs, n) -> new StoredRow(rs.getLong(1), rs.getObject(2, UUID.class), cells(rs, 3, columns)))
                .list();
    }

    public long count(UUID jobId, String state) {
        return jdbc.sql("SELECT count(*) FROM importer.import_row WHERE job_id = ? AND state = ?")
                .params(jobId, RowState.valueOf(state).name()).query(Long.class).single();
    }

    /**
     * A row whose command this answer answers, still waiting for its outcome: of a job of the answer's workspace.
     * Rows stay VALID once sent — the job's checkpoint ({@code applied_through}) says which were — rather than each
     * rewritten as APPLIED (a new version of the whole row, its cells too: 0.7 KB of WAL a row); APPLIED is only
     * found in rows sent before that. An answer may come before the checkpoint that follows its command commits.
     */
    public Optional<Outcome> awaiting(Answer answer) {
        return jdbc.sql("""
                SELECT r.job_id, r.row_no, r.cells, j.template, j.cell_columns FROM importer.import_row r
                JOIN importer.import_job j ON j.id = r.job_id
                WHERE r.request_id = ? AND j.workspace_id = ? AND r.state IN ('VALID', 'APPLIED')""")
                .params(answer.requestId(), answer.workspaceId())
                .query((rs, n) -> new Outcome(rs.getObject(1, UUID.class), rs.getLong(2),
                        cells(rs, 3, List.of((String[]) rs.getArray(5).getArray())),
                        AccountTemplate.valueOf(rs.getString(4))))
                .optional();
    }

    /**
     * The rows these answers answer (as {@link #awaiting}), now CREATED, in one statement: a row answered twice in
     * the list is counted once.
     *
     * @return how many rows of each job that made CREATED
     */
    public Map<UUID, Long> createdAll(List<Answer> answers) {
        if (answers.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Long> created = new LinkedHashMap<>();
        jdbc.sql("""
                WITH done AS (
                    UPDATE importer.import_row r SET state = 'CREATED' FROM importer.import_job j
                    WHERE r.request_id = ANY (?::uuid[]) AND r.state IN ('VALID', 'APPLIED') AND j.id = r.job_id
                        AND j.workspace_id || ' ' || r.request_id = ANY (?::text[])
                    RETURNING r.job_id)
                SELECT job_id, count(*) FROM done GROUP BY job_id""")
                // the request ids find the rows by their index whatever the statistics; the pairs keep the answers
                // of each workspace to its own jobs (a request id, fixed-length, ends each pair: no ambiguity)
                .params(answers.stream().map(a -> a.requestId().toString()).toArray(String[]::new),
                        answers.stream().map(a -> a.workspaceId() + ' ' + a.requestId()).toArray(String[]::new))
                .query((ResultSet rs) -> {
                    created.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return created;
    }

    /** Invite-service refused the row when applied: its problems join the job's errors, by column. */
    public void rejected(Outcome outcome, List<RowError> errors) {
        jdbc.sql("UPDATE importer.import_row SET state = 'REJECTED' WHERE job_id = ? AND row_no = ?")
                .params(outcome.jobId(), outcome.row()).update();
        List<Long> rows = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (RowError error : errors) {
            rows.add(outcome.row());
            columns.add(error.column() == null ? null : error.column().key());
            values.add(error.column() == null ? null : outcome.cells().get(error.column().key()));
            codes.add(error.code());
            messages.add(error.message());
        }
        if (!rows.isEmpty()) {
            insertErrors(outcome.jobId(), rows, columns, values, codes, messages);
        }
    }

    /** A page of a job's errors, in row order. */
    public List<CellError> errors(UUID jobId, int offset, int limit) {
        return jdbc.sql("SELECT row_no, col, value, code, message FROM importer.import_error WHERE job_id = ?"
                        + " ORDER BY row_no, seq OFFSET ? LIMIT ?")
                .params(jobId, offset, limit)
                .query((rs, n) -> new CellError(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    public long errorCount(UUID jobId) {
        return jdbc.sql("SELECT count(*) FROM importer.import_error WHERE job_id = ?").param(jobId)
                .query(Long.class).single();
    }

    /** The failed rows after {@code afterRow}, with their cells and errors, for the error workbook. */
    public List<FailedRow> failedRows(UUID jobId, AccountTemplate template, long afterRow, int limit) {
        Map<Long, FailedRow> rows = new LinkedHashMap<>();
        List<String> columns = jdbc.sql("SELECT cell_columns FROM importer.import_job WHERE id = ?").param(jobId)
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).optional().orElse(List.of());
        jdbc.sql("""
                SELECT r.row_no, r.cells, e.col, e.code, e.message
                FROM (SELECT row_no, cells FROM importer.import_row
                      WHERE job_id = :job AND row_no > :after AND state IN ('INVALID', 'REJECTED')
                      ORDER BY row_no LIMIT :limit) r
                JOIN importer.import_error e ON e.job_id = :job AND e.row_no = r.row_no
                ORDER BY r.row_no, e.seq""")
                .param("job", jobId).param("after", afterRow).param("limit", limit)
                .query((ResultSet rs) -> {
                    long row = rs.getLong(1);
                    FailedRow failed = rows.get(row);
                    if (failed == null) {
                        Map<TemplateColumn, String> values = new LinkedHashMap<>();
                        cells(rs, 2, columns).forEach((key, value) -> template.column(key)
                                .ifPresent(column -> values.put(column, value)));
                        failed = new FailedRow(row, values, new ArrayList<>());
                        rows.put(row, failed);
                    }
                    String col = rs.getString(3);
                    failed.errors().add(new RowError(col == null ? null : template.column(col).orElse(null),
                            rs.getString(4), rs.getString(5)));
                });
        return List.copyOf(rows.values());
    }

    /** A row's stored cells by template key; the empty ones left out. */
    private static Map<String, String> cells(ResultSet rs, int column, List<String> columns) throws SQLException {
        String[] values = (String[]) rs.getArray(column).getArray();
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < values.length && i < columns.size(); i++) {
            if (values[i] != null) {
                cells.put(columns.get(i), values[i]);
            }
        }
        return cells;
    }

    /** A valid row to apply. */
    public record StoredRow(long row, UUID requestId, Map<String, String> cells) {
    }

    /** An answer on {@code roster.account.events}: the workspace it is of and the request id it answers. */
    public record Answer(String workspaceId, UUID requestId) {
    }

    /** A row whose command got its answer. */
    public record Outcome(UUID jobId, long row, Map<String, String> cells, AccountTemplate template) {
    }

    /** One error as the errors endpoint lists it: the column is the template key. */
    public record CellError(long row, String column, String value, String code, String message) {
    }
}
