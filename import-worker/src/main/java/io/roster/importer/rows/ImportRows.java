package io.roster.importer.rows;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import io.roster.importer.file.FailedRow;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.validation.RowVerdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code importer.import_row} and {@code importer.import_error}: each data row of a job with its keys, cells and
 * state, and every error found in it — while reading, by the set-wise checks, or when applied.
 */
@Repository("importerImportRows")
public class ImportRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> CELLS = new TypeReference<>() { };

    private final JdbcClient jdbc;

    public ImportRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The request id of a row's command: derived from the job and the row, so a retry sends the same one. */
    public static UUID requestId(UUID jobId, long row) {
        return UUID.nameUUIDFromBytes(("roster-import:" + jobId + ":" + row).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A slice of rows and their errors, two statements whatever its size. */
    public void insert(UUID jobId, List<RowVerdict> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Long[] rowNos = new Long[n];
        String[] requestIds = new String[n];
        String[] logins = new String[n];
        String[] emails = new String[n];
        String[] owners = new String[n];
        String[] ownerFirst = new String[n];
        String[] ownerLast = new String[n];
        Boolean[] licences = new Boolean[n];
        String[] cells = new String[n];
        String[] states = new String[n];
        List<Long> errorRows = new ArrayList<>();
        List<String> errorColumns = new ArrayList<>();
        List<String> errorValues = new ArrayList<>();
        List<String> errorCodes = new ArrayList<>();
        List<String> errorMessages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RowVerdict r = rows.get(i);
            rowNos[i] = r.row();
            requestIds[i] = requestId(jobId, r.row()).toString();
            logins[i] = r.login();
            emails[i] = r.email();
            owners[i] = r.ownerLogin();
            ownerFirst[i] = r.ownerFirstName();
            ownerLast[i] = r.ownerLastName();
            licences[i] = r.takesLicence();
            cells[i] = JSON.writeValueAsString(r.cells());
            states[i] = r.valid() ? RowState.VALID.name() : RowState.INVALID.name();
            for (RowError error : r.errors()) {
                errorRows.add(r.row());
                errorColumns.add(error.column() == null ? null : error.column().key());
                errorValues.add(error.column() == null ? null : r.cells().get(error.column().key()));
                errorCodes.add(error.code());
                errorMessages.add(error.message());
            }
        }
        jdbc.sql("""
                INSERT INTO importer.import_row (job_id, row_no, request_id, login, email, owner_login, owner_first,
                    owner_last, takes_licence, cells, state)
                SELECT ?, r, q::uuid, l, e, o, f, a, t, c::jsonb, s
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::boolean[], ?::text[], ?::text[]) AS u(r, q, l, e, o, f, a, t, c, s)
                ON CONFLICT (job_id, row_no) DO NOTHING""")
                .params(jobId, rowNos, requestIds, logins, emails, owners, ownerFirst, ownerLast, licences, cells,
                        states)
                .update();
        if (!errorRows.isEmpty()) {
            insertErrors(jobId, errorRows, errorColumns, errorValues, errorCodes, errorMessages);
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

    /** The next valid rows to apply, after {@code afterRow}, in file order. */
    public List<StoredRow> toApply(UUID jobId, long afterRow, int limit) {
        return jdbc.sql("""
                SELECT row_no, request_id, cells FROM importer.import_row
                WHERE job_id = ? AND row_no > ? AND state = 'VALID' ORDER BY row_no LIMIT ?""")
                .params(jobId, afterRow, limit)
                .query((rs, n) -> new StoredRow(rs.getLong(1), rs.getObject(2, UUID.class), cells(rs, 3)))
                .list();
    }

    public void markApplied(UUID jobId, long fromRow, long throughRow) {
        jdbc.sql("UPDATE importer.import_row SET state = 'APPLIED'"
                + " WHERE job_id = ? AND row_no > ? AND row_no <= ? AND state = 'VALID'")
                .params(jobId, fromRow, throughRow).update();
    }

    public long count(UUID jobId, String state) {
        return jdbc.sql("SELECT count(*) FROM importer.import_row WHERE job_id = ? AND state = ?")
                .params(jobId, RowState.valueOf(state).name()).query(Long.class).single();
    }

    /** A row whose command this request id is, still waiting for its outcome. */
    public Optional<Outcome> awaiting(UUID requestId) {
        return jdbc.sql("""
                SELECT r.job_id, r.row_no, r.cells, j.template FROM importer.import_row r
                JOIN importer.import_job j ON j.id = r.job_id
                WHERE r.request_id = ? AND r.state = 'APPLIED'""")
                .param(requestId)
                .query((rs, n) -> new Outcome(rs.getObject(1, UUID.class), rs.getLong(2), cells(rs, 3),
                        AccountTemplate.valueOf(rs.getString(4))))
                .optional();
    }

    public void created(Outcome outcome) {
        jdbc.sql("UPDATE importer.import_row SET state = 'CREATED' WHERE job_id = ? AND row_no = ?")
                .params(outcome.jobId(), outcome.row()).update();
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
                        cells(rs, 2).forEach((key, value) -> template.column(key)
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

    private static Map<String, String> cells(ResultSet rs, int column) throws SQLException {
        return JSON.readValue(rs.getString(column), CELLS);
    }

    /** A valid row to apply. */
    public record StoredRow(long row, UUID requestId, Map<String, String> cells) {
    }

    /** A row whose command got its answer. */
    public record Outcome(UUID jobId, long row, Map<String, String> cells, AccountTemplate template) {
    }

    /** One error as the errors endpoint lists it: the column is the template key. */
    public record CellError(long row, String column, String value, String code, String message) {
    }
}
