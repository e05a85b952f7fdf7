package io.roster.importer.upload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploaded files in PostgreSQL, each in a table of its own, {@code importer.import_file_<job id's hex>}, of
 * {@value #ROW}-byte rows: the default needs nothing but the database every instance shares, a worker on any instance
 * reads a file back, and the file stays inside the service's schema.
 * <p>
 * A table a file, so that a file read to its end goes with one {@code DROP TABLE} (a few milliseconds, no WAL)
 * instead of a {@code DELETE} of its TOASTed rows (1–3 s for 182 MB, and a full-page image of every page it touches
 * after a checkpoint). Rows that fit a page as they are ({@code STORAGE PLAIN}, never compressed) rather than 1 MB
 * values: PostgreSQL cuts a TOASTed value into ~2 KB tuples with an index entry each, four times the tuples to write
 * (storing 182 MB took 0.4 s instead of 0.7–1.5 s, measured). Written with one binary {@code COPY}, which PostgreSQL
 * stores while the next rows are read from the request. No large objects: they would live in the cluster-wide
 * {@code pg_largeobject}, cut into the same 2 KB pieces, outside the schema.
 */
@Repository("importerFileStore")
public class FileStore {

    /** Bytes of the file a row: with its 32 bytes of tuple header and lengths, within an 8 KB page's 8,160. */
    static final int ROW = 8000;
    /** Rows sent to the COPY together. */
    private static final int ROWS_A_WRITE = 8;
    /** A binary COPY row's header: two fields, a 4-byte seq, then the data's length. */
    private static final int ROW_HEADER = 2 + 4 + 4 + 4;
    private static final byte[] COPY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] COPY_END = {(byte) 0xff, (byte) 0xff};
    private static final String PREFIX = "import_file_";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;

    public FileStore(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /** The job's table: its name is the job id's 32 hexadecimal digits, nothing a caller could slip SQL into. */
    static String table(UUID jobId) {
        return "importer." + PREFIX + jobId.toString().replace("-", "");
    }

    /**
     * Creates the job's table and streams {@code in} into it, in the caller's transaction: nobody sees the file (or
     * its table) before that transaction commits, and nothing is left of it if it rolls back.
     *
     * @return the file's size
     * @throws FileTooLargeException past {@code maxBytes}: the caller's transaction must roll back
     */
    public long store(UUID jobId, InputStream in, long maxBytes) throws IOException {
        String table = table(jobId);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        CopyIn copy = null;
        try {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE " + table + " (seq INT PRIMARY KEY, data BYTEA NOT NULL)");
                ddl.execute("ALTER TABLE " + table + " ALTER COLUMN data SET STORAGE PLAIN");
            }
            copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (seq, data) FROM STDIN (FORMAT binary)");
            copy.writeToCopy(COPY_SIGNATURE, 0, COPY_SIGNATURE.length);
            byte[] rows = new byte[ROWS_A_WRITE * (ROW_HEADER + ROW)];
            long size = 0;
            int seq = 0;
            boolean end = false;
            while (!end) {
                int at = 0;
                for (int r = 0; r < ROWS_A_WRITE; r++) {
                    int filled = in.readNBytes(rows, at + ROW_HEADER, ROW);
                    if (filled > 0) {
                        size += filled;
                        if (size > maxBytes) {
                            throw new FileTooLargeException(maxBytes);
                        }
                        header(rows, at, seq++, filled);
                        at += ROW_HEADER + filled;
                    }
                    if (filled < ROW) {
                        end = true;
                        break;
                    }
                }
                if (at > 0) {
                    copy.writeToCopy(rows, 0, at);
                }
            }
            copy.writeToCopy(COPY_END, 0, COPY_END.length);
            copy.endCopy();
            return size;
        } catch (SQLException e) {
            throw new UncategorizedSQLException("COPY", "COPY " + table, e);
        } finally {
            cancel(copy);
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void header(byte[] rows, int at, int seq, int length) {
        putShort(rows, at, 2);
        putInt(rows, at + 2, 4);
        putInt(rows, at + 6, seq);
        putInt(rows, at + 10, length);
    }

    private static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    /** A COPY left open by a failure, ended so that the transaction can roll back on this connection. */
    private static void cancel(CopyIn copy) {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the connection is broken: the pool discards it, the transaction is gone with it
            }
        }
    }

    /**
     * Copies the job's file to a local file, its rows in order, in one binary COPY: a {@code bytea} read by a query
     * comes back as hexadecimal text, twice the file's size to send and decode.
     */
    public void copyTo(UUID jobId, Path target) throws IOException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 18)) {
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT data FROM "
                    + table(jobId) + " ORDER BY seq) TO STDOUT (FORMAT binary)");
            try {
                BinaryCopy.chunks(copy, out);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IOException("the upload of job " + jobId + " could not be read back: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The jobs whose files are stored (committed). */
    public List<UUID> stored() {
        return jdbc.sql("""
                SELECT substring(c.relname FROM 13)::uuid FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'importer' AND c.relkind = 'r' AND c.relname ~ '^import_file_[0-9a-f]{32}$'""")
                .query(UUID.class).list();
    }

    /**
     * Drops the job's file, if still there, in a transaction of its own: call it once no one will read the file
     * again, after the transaction that said so committed. It waits at most a moment for a reader still holding the
     * table (then throws; the file is dropped by a later sweep).
     */
    public void drop(UUID jobId) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
            jdbc.sql("DROP TABLE IF EXISTS " + table(jobId)).update();
        });
    }
}
