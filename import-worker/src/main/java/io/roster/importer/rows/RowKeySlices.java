package io.roster.importer.rows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code importer.import_row_keys}: a dry run's {@link RowKeys}, a slice's in values of at most 8,000 rows,
 * written in the slice's transaction with its checkpoint, so that the file-level checks see every row's keys
 * whichever instance read which slice and however often the job was resumed.
 */
@Repository("importerRowKeySlices")
public class RowKeySlices {

    /** 8,000 rows' records: read back as hexadecimal text, under half a G1 region of a 256 MB heap. */
    static final int VALUE_BYTES = 8000 * RowKeys.BYTES;

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public RowKeySlices(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * A slice's records, in values of at most {@link #VALUE_BYTES} each keyed by their first row (the slice's
     * checkpoint for the first): streamed from the chunks' arrays, never joined into one. A slice's 625 KB in one
     * value, joined and then copied by the driver's {@code setBytes}, and read back as 1.25 MB of hexadecimal text,
     * were humongous allocations at {@code -Xmx256m} (over half a 1 MB G1 region), each starting a G1 cycle.
     *
     * @param firstRow the job's checkpoint the slice started at: a slice read again replaces nothing
     * @param parts the slice's records, chunk by chunk, in file order
     */
    public void insert(UUID jobId, long firstRow, List<byte[]> parts) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO importer.import_row_keys (job_id, slice_start, keys) VALUES (?, ?, ?)")) {
            long start = firstRow;
            for (List<byte[]> value : values(parts, VALUE_BYTES)) {
                long length = 0;
                List<InputStream> streams = new ArrayList<>(value.size());
                for (byte[] part : value) {
                    length += part.length;
                    streams.add(new ByteArrayInputStream(part));
                }
                insert.setObject(1, jobId);
                insert.setLong(2, start);
                insert.setBinaryStream(3, new SequenceInputStream(Collections.enumeration(streams)), length);
                insert.executeUpdate();
                start += length / RowKeys.BYTES;
            }
        } catch (SQLException e) {
            throw new UncategorizedSQLException("INSERT", "INSERT INTO importer.import_row_keys", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Consecutive parts grouped into values of at most {@code maxBytes}, a part never cut (one alone may be more). */
    static List<List<byte[]>> values(List<byte[]> parts, int maxBytes) {
        List<List<byte[]>> values = new ArrayList<>();
        List<byte[]> value = new ArrayList<>();
        long length = 0;
        for (byte[] part : parts) {
            if (!value.isEmpty() && length + part.length > maxBytes) {
                values.add(value);
                value = new ArrayList<>();
                length = 0;
            }
            value.add(part);
            length += part.length;
        }
        if (!value.isEmpty()) {
            values.add(value);
        }
        return values;
    }

    /**
     * Every row's keys, in file order, a slice's value at a time (in the caller's transaction, a cursor): a value
     * comes as hexadecimal text, twice its size, and a million rows' values at once were 80 MB of the heap.
     */
    public FileKeys load(UUID jobId, long rows) {
        FileKeys keys = new FileKeys((int) Math.min(Integer.MAX_VALUE - 8, rows));
        jdbc.sql("SELECT keys FROM importer.import_row_keys WHERE job_id = ? ORDER BY slice_start").param(jobId)
                .withFetchSize(1)
                .query(rs -> {
                    keys.add(rs.getBytes(1));
                });
        return keys;
    }

    public void delete(UUID jobId) {
        jdbc.sql("DELETE FROM importer.import_row_keys WHERE job_id = ?").param(jobId).update();
    }
}
