package io.roster.importer.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Uploaded files in PostgreSQL, as 1 MB {@code bytea} chunks of {@code importer.import_file_chunk}: the default
 * needs nothing but the database every instance shares, a worker on any instance reads a file back, and a file is
 * deleted with its job. Chunks rather than one value or a large object: memory stays at one chunk both ways, and
 * the file stays inside the service's schema (large objects live in the cluster-wide pg_largeobject and need
 * unlinking by hand).
 */
@Repository("importerFileStore")
public class FileStore {

    static final int CHUNK = 1 << 20;

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public FileStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * Streams {@code in} into the job's chunks, in the caller's transaction.
     *
     * @return the file's size
     * @throws FileTooLargeException past {@code maxBytes}: the caller's transaction must roll back
     */
    public long store(UUID jobId, InputStream in, long maxBytes) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long size = 0;
        int seq = 0;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO importer.import_file_chunk (job_id, seq, data) VALUES (?, ?, ?)")) {
            while (true) {
                int filled = in.readNBytes(buffer, 0, CHUNK);
                if (filled == 0) {
                    return size;
                }
                size += filled;
                if (size > maxBytes) {
                    throw new FileTooLargeException(maxBytes);
                }
                // as a stream over the one buffer: setBytes would copy each 1 MB chunk, a humongous allocation
                // (over half a G1 region at -Xmx256m) and a G1 cycle for every megabyte uploaded
                insert.setObject(1, jobId);
                insert.setInt(2, seq++);
                insert.setBinaryStream(3, new ByteArrayInputStream(buffer, 0, filled), filled);
                insert.executeUpdate();
                if (filled < CHUNK) {
                    return size;
                }
            }
        } catch (SQLException e) {
            throw new UncategorizedSQLException("INSERT", "INSERT INTO importer.import_file_chunk", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Copies the job's file to a local file, its chunks in order, in one binary COPY: a {@code bytea} read by a
     * query comes back as hexadecimal text, twice the file's size to send and decode.
     */
    public void copyTo(UUID jobId, Path target) throws IOException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (OutputStream out = Files.newOutputStream(target)) {
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT data FROM"
                    + " importer.import_file_chunk WHERE job_id = '" + jobId + "' ORDER BY seq) TO STDOUT"
                    + " (FORMAT binary)");
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

    /** The file is not needed once the job has read it. */
    public void delete(UUID jobId) {
        jdbc.sql("DELETE FROM importer.import_file_chunk WHERE job_id = ?").param(jobId).update();
    }
}
