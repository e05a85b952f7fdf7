package io.roster.importer.rows;

import io.roster.contracts.account.AccountCommand;
import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import io.roster.contracts.account.TemplateRows;
import io.roster.importer.file.FailedRow;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.validation.RowVerdict;
import io.roster.messaging.BinaryCopyRows;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
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

    /**
     * The request id of a row's command: derived from the job and the row, so a retry sends the same one, and in
     * row order within the job ({@link RequestIds}). Stored with the row when read; the apply sends the stored one.
     */
    public static UUID requestId(UUID jobId, long row) {
        return RequestIds.of(jobId).row(row);
    }

    /** The columns {@link #startCopy} copies, in {@link #encode}'s order. */
    private static final String COPY_COLUMNS = "job_id, row_no, request_id, login, email, owner_login, owner_first,"
            + " owner_last, takes_licence, cells, state";
    private static final int COPY_FIELDS = 11;
    private static final String[] NO_CELLS = {};

    /** Which rows are stored, and which keep their cells. */
    public enum KeptCells {
        /** An import: every row with its cells (its command is built from them) and its request id. */
        ALL_ROWS,
        /**
         * A dry run applies nothing: it stores its invalid rows with their cells (for the error report) and a
         * contact's keys (the owner check needs each); the other rows only as {@link RowKeys}, no request id.
         */
        INVALID_ROWS,
        /**
         * A dry run's valid rows read again because a file-level check may refuse them ({@link FileKeys}): stored
         * VALID, as they were found while reading, with their cells, no request id.
         */
        CHECKED_AGAIN
    }

    /** One error of a row, as {@code import_error} stores it. */
    public record ErrorLine(long row, String column, String value, String code, String message) {
    }

    /**
     * Rows encoded for {@link RowCopy#write}: done off the reading thread, beside the checks, so that the reading
     * thread only reads and writes to PostgreSQL.
     */
    public record Encoded(byte[] copy, List<ErrorLine> errors, int valid, int invalid, byte[] keys) {
    }

    /**
     * Encodes rows in binary COPY format ({@link BinaryCopyRows#part}) for {@link #startCopy}, and lists their
     * errors; for a dry run's reading, the {@link RowKeys} of every row too.
     *
     * @param columns the job's cell columns, in their order (null for a key the template no longer has)
     */
    public static Encoded encode(UUID jobId, TemplateColumn[] columns, List<RowVerdict> rows, KeptCells kept) {
        BinaryCopyRows copy = BinaryCopyRows.part(rows.size() * (kept == KeptCells.INVALID_ROWS ? 16 : 400));
        ByteBuffer keys = ByteBuffer.allocate(kept == KeptCells.INVALID_ROWS ? rows.size() * RowKeys.BYTES : 0);
        List<ErrorLine> errors = new ArrayList<>();
        String[] cells = new String[columns.length];
        RequestIds requestIds = kept == KeptCells.ALL_ROWS ? RequestIds.of(jobId) : null;
        int valid = 0;
        for (RowVerdict r : rows) {
            boolean rowValid = kept == KeptCells.CHECKED_AGAIN || r.valid();
            if (rowValid) {
                valid++;
            }
            boolean stored = kept != KeptCells.INVALID_ROWS || !rowValid || r.ownerLogin() != null;
            if (kept == KeptCells.INVALID_ROWS) {
                RowKeys.append(keys, r, stored);
            }
            if (!stored) {
                continue;
            }
            boolean keep = kept != KeptCells.INVALID_ROWS || !rowValid;
            for (int c = 0; c < cells.length; c++) {
                cells[c] = columns[c] == null ? null : r.value(columns[c]);
            }
            copy.row(COPY_FIELDS).uuid(jobId).int8(r.row())
                    .uuid(requestIds == null ? null : requestIds.row(r.row()))
                    .text(r.login()).text(r.email()).text(r.ownerLogin()).text(r.ownerFirstName())
                    .text(r.ownerLastName()).bool(r.takesLicence()).textArray(Arrays.asList(keep ? cells : NO_CELLS))
                    .text(rowValid ? RowState.VALID.name() : RowState.INVALID.name());
            if (kept == KeptCells.CHECKED_AGAIN) {
                continue;
            }
            for (RowError error : r.errors()) {
                errors.add(new ErrorLine(r.row(), error.column() == null ? null : error.column().key(),
                        error.column() == null ? null : r.value(error.column()), error.code(), error.message()));
            }
        }
        return new Encoded(copy.toByteArray(), errors, valid, rows.size() - valid, keys.array());
    }

    /**
     * A COPY of rows into {@code import_row}, on the transaction's connection: PostgreSQL stores each part as it is
     * written while the next rows are read and checked. The slice's transaction locks the job's checkpoint first,
     * so no other instance writes the same rows meanwhile.
     */
    public RowCopy startCopy() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        CopyIn in;
        try {
            in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY importer.import_row ("
                    + COPY_COLUMNS + ") FROM STDIN (FORMAT binary)");
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            throw new UncategorizedSQLException("COPY", "COPY importer.import_row", e);
        }
        RowCopy copy = new RowCopy(in, connection);
        try {
            copy.write(BinaryCopyRows.header());
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    /** A COPY under way: written part by part, then finished, or cancelled when the slice fails. */
    public final class RowCopy implements AutoCloseable {

        private final CopyIn in;
        private final Connection connection;

        private RowCopy(CopyIn in, Connection connection) {
            this.in = in;
            this.connection = connection;
        }

        public void write(Encoded rows) {
            write(rows.copy());
        }

        private void write(byte[] bytes) {
            try {
                in.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new UncategorizedSQLException("COPY", "COPY importer.import_row", e);
            }
        }

        /** Ends the COPY; its rows are in the transaction. */
        public long finish() {
            write(BinaryCopyRows.trailer());
            try {
                return in.endCopy();
            } catch (SQLException e) {
                throw new UncategorizedSQLException("COPY", "COPY importer.import_row", e);
            }
        }

        /** Cancels a COPY not finished (the slice failed), so that its transaction can roll back. */
        @Override
        public void close() {
            try {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            } catch (SQLException e) {
                // the transaction rolls back anyway: the connection is discarded if it is broken
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    /** The errors of a slice's rows. */
    public void insertErrors(UUID jobId, List<ErrorLine> errors) {
        if (errors.isEmpty()) {
            return;
        }
        insertErrors(jobId, errors.stream().map(ErrorLine::row).toList(),
                errors.stream().map(ErrorLine::column).toList(), errors.stream().map(ErrorLine::value).toList(),
                errors.stream().map(ErrorLine::code).toList(), errors.stream().map(ErrorLine::message).toList());
    }

    /**
     * A slice of rows and their errors in one go (tests and small slices).
     *
     * @param columns the job's cell columns: each row's cells are stored in their order
     */
    public void insert(UUID jobId, AccountTemplate template, List<String> columns, List<RowVerdict> rows,
            KeptCells kept) {
        if (rows.isEmpty()) {
            return;
        }
        Encoded encoded = encode(jobId, columns(template, columns), rows, kept);
        try (RowCopy copy = startCopy()) {
            copy.write(encoded);
            copy.finish();
        }
        insertErrors(jobId, encoded.errors());
    }

    /** A job's cell columns as the template's columns (null for a key it no longer has). */
    public static TemplateColumn[] columns(AccountTemplate template, List<String> keys) {
        return keys.stream().map(key -> template.column(key).orElse(null)).toArray(TemplateColumn[]::new);
    }

    /**
     * The invalid rows stored without their cells (a dry run's rows refused by the file-level checks), in file
     * order: their cells are to be read again from the file.
     */
    public List<Long> invalidWithoutCells(UUID jobId) {
        return jdbc.sql("SELECT row_no FROM importer.import_row WHERE job_id = ? AND state = 'INVALID'"
                + " AND cardinality(cells) = 0 ORDER BY row_no").param(jobId).query(Long.class).list();
    }

    /**
     * Stores cells read again for rows without them, and fills in the values of their errors (the file-level checks
     * quote the row's cell, which was not there yet).
     */
    public void fillCells(UUID jobId, TemplateColumn[] columns, List<FailedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String[] cells = new String[columns.length];
        List<Long> numbers = new ArrayList<>(rows.size());
        List<String> literals = new ArrayList<>(rows.size());
        for (FailedRow row : rows) {
            for (int c = 0; c < cells.length; c++) {
                cells[c] = columns[c] == null ? null : row.values().get(columns[c]);
            }
            numbers.add(row.row());
            literals.add(CopyText.array(cells));
        }
        jdbc.sql("""
                UPDATE importer.import_row r SET cells = u.c::text[]
                FROM unnest(?::bigint[], ?::text[]) AS u(n, c) WHERE r.job_id = ? AND r.row_no = u.n""")
                .params(numbers.toArray(Long[]::new), literals.toArray(String[]::new), jobId).update();
        jdbc.sql("""
                UPDATE importer.import_error e SET value = r.cells[array_position(j.cell_columns, e.col)]
                FROM importer.import_row r, importer.import_job j
                WHERE e.job_id = ? AND e.row_no = ANY (?::bigint[]) AND e.value IS NULL AND e.col IS NOT NULL
                  AND r.job_id = e.job_id AND r.row_no = e.row_no AND j.id = e.job_id""")
                .params(jobId, numbers.toArray(Long[]::new)).update();
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
     * The first row after {@code afterRow} still to apply (every row that passed the checks, answered or not), found
     * through the primary key's index; empty when none is left.
     */
    public OptionalLong nextToApply(UUID jobId, long afterRow) {
        // rows are numbered from 1: 0 is none
        long first = jdbc.sql("""
                SELECT coalesce(min(row_no), 0) FROM importer.import_row
                WHERE job_id = ? AND row_no > ? AND state <> 'INVALID'""")
                .params(jobId, afterRow).query(Long.class).single();
        return first == 0 ? OptionalLong.empty() : OptionalLong.of(first);
    }

    /**
     * The rows to apply from {@code fromRow} through {@code throughRow}, in file order; their cells by the job's
     * columns. Every row that passed the checks, answered or not: a slice whose checkpoint did not move after its
     * commands were sent is sent again as it was, and counted as it was.
     *
     * <p>A range of row numbers, not "the next N rows": {@code ORDER BY row_no LIMIT N} over a table whose statistics
     * do not know the job yet (a fresh job's rows, just copied) was planned as a bitmap scan of every row of the job
     * left to apply, sorted on disk, for each slice — 0.9 s a slice half-way through a 200,000-row file, and growing
     * with the file. A range reads its own rows whatever the plan.
     */
    public List<StoredRow> toApply(UUID jobId, AccountTemplate template, List<String> columns, long fromRow,
            long throughRow) {
        int[] ordinals = ordinals(template, columns);
        int width = template.columns().size();
        return jdbc.sql("""
                SELECT row_no, request_id, cells FROM importer.import_row
                WHERE job_id = ? AND row_no >= ? AND row_no <= ? AND state <> 'INVALID' ORDER BY row_no""")
                .params(jobId, fromRow, throughRow)
                .query((rs, n) -> {
                    String[] stored = (String[]) rs.getArray(3).getArray();
                    String[] cells = new String[width];
                    for (int i = 0; i < stored.length && i < ordinals.length; i++) {
                        if (ordinals[i] >= 0) {
                            cells[ordinals[i]] = stored[i];
                        }
                    }
                    return new StoredRow(rs.getLong(1), rs.getObject(2, UUID.class), cells);
                })
                .list();
    }

    /** Each of a job's cell columns' position among its template's columns ({@code -1}: a key it no longer has). */
    static int[] ordinals(AccountTemplate template, List<String> columns) {
        return columns.stream().mapToInt(key -> template.column(key).map(TemplateColumn::ordinal).orElse(-1))
                .toArray();
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

    /**
     * A valid row to apply: its cells by their template column's {@link TemplateColumn#ordinal()} ({@code null} for a
     * blank one), an array rather than a map of its keys per row.
     */
    public record StoredRow(long row, UUID requestId, String[] cells) {

        /** The row's command: the template's conversion, as when the row was checked
         * ({@link io.roster.importer.validation.RowValidator#check}). */
        public AccountCommand command(AccountTemplate template) {
            return TemplateRows.toCommand(template, column -> cells[column.ordinal()]).command();
        }
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
