package io.roster.importer.rows;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code importer.import_row_keys}: a dry run's {@link RowKeys}, one value a slice, written in the slice's
 * transaction with its checkpoint, so that the file-level checks see every row's keys whichever instance read which
 * slice and however often the job was resumed.
 */
@Repository("importerRowKeySlices")
public class RowKeySlices {

    private final JdbcClient jdbc;

    public RowKeySlices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param firstRow the job's checkpoint the slice started at: a slice read again replaces nothing */
    public void insert(UUID jobId, long firstRow, byte[] keys) {
        jdbc.sql("INSERT INTO importer.import_row_keys (job_id, slice_start, keys) VALUES (?, ?, ?)")
                .params(jobId, firstRow, keys).update();
    }

    /** Every row's keys, in file order. */
    public FileKeys load(UUID jobId, long rows) {
        FileKeys keys = new FileKeys((int) Math.min(Integer.MAX_VALUE - 8, rows));
        jdbc.sql("SELECT keys FROM importer.import_row_keys WHERE job_id = ? ORDER BY slice_start").param(jobId)
                .withFetchSize(16)
                .query(rs -> {
                    keys.add(rs.getBytes(1));
                });
        return keys;
    }

    public void delete(UUID jobId) {
        jdbc.sql("DELETE FROM importer.import_row_keys WHERE job_id = ?").param(jobId).update();
    }
}
