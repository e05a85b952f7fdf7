package io.roster.importer.job;

import io.roster.contracts.account.AccountTemplate;
import io.roster.importer.file.FileWarning;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code importer.import_job}: jobs, their progress, and the leases worker instances hold on them. */
@Repository("importerJobRepository")
public class JobRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            id, workspace_id, template, mode, atomic, file_name, file_size, actor_id, client_ip, phase,
            rows_consumed, bytes_read, rows_read, rows_valid, rows_invalid, applied_through, rows_applied,
            accounts_created, rows_failed, warnings, error_code, error_message, created_at, started_at, finished_at,
            cell_columns""";

    private final JdbcClient jdbc;

    public JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new job, in the transaction that stores its file: it is claimed only once the whole file is there. */
    public void insert(UUID id, String workspaceId, AccountTemplate template, ImportMode mode, boolean atomic,
            String fileName, String actorId, String clientIp, Instant now) {
        jdbc.sql("""
                INSERT INTO importer.import_job (id, workspace_id, template, mode, atomic, file_name, file_size,
                    actor_id, client_ip, phase, created_at, cell_columns)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 'READING', ?, ?)""")
                .params(id, workspaceId, template.name(), mode.name(), atomic, fileName, actorId, clientIp,
                        Timestamp.from(now), template.columns().stream().map(c -> c.key()).toArray(String[]::new))
                .update();
    }

    public void fileStored(UUID id, long size) {
        jdbc.sql("UPDATE importer.import_job SET file_size = ? WHERE id = ?").params(size, id).update();
    }

    public Optional<ImportJob> find(String workspaceId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM importer.import_job WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id).query(JobRepository::job).optional();
    }

    public Optional<ImportJob> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM importer.import_job WHERE id = ?")
                .param(id).query(JobRepository::job).optional();
    }

    /** A workspace's jobs, newest first. */
    public List<ImportJob> list(String workspaceId, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM importer.import_job WHERE workspace_id = ?"
                        + " ORDER BY created_at DESC, id OFFSET ? LIMIT ?")
                .params(workspaceId, offset, limit).query(JobRepository::job).list();
    }

    public long count(String workspaceId) {
        return jdbc.sql("SELECT count(*) FROM importer.import_job WHERE workspace_id = ?").param(workspaceId)
                .query(Long.class).single();
    }

    /**
     * Claims the unfinished job served longest ago whose lease is free or ran out (its instance died), for one
     * slice: round robin between jobs, so a small job waits at most a slice of each bigger one. SKIP LOCKED lets
     * instances claim side by side without waiting on each other. A job another instance is reading and gave back a
     * moment ago is left to it until {@code reader_until} (see {@link #release}).
     */
    public Optional<ImportJob> claim(String owner, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE importer.import_job SET lease_owner = ?, lease_until = ?, last_served_at = ?,"
                        + " started_at = coalesce(started_at, ?)"
                        + " WHERE id = (SELECT id FROM importer.import_job"
                        + "   WHERE phase NOT IN ('COMPLETED', 'FAILED') AND (lease_until IS NULL OR lease_until < ?)"
                        + "     AND (reader IS NULL OR reader = ? OR reader_until < ?)"
                        + "   ORDER BY last_served_at NULLS FIRST, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                        + " RETURNING " + COLUMNS)
                .params(owner, Timestamp.from(leaseUntil), Timestamp.from(now), Timestamp.from(now),
                        Timestamp.from(now), owner, Timestamp.from(now))
                .query(JobRepository::job).optional();
    }

    /**
     * Gives the job back after a slice; only while this instance still holds it. A job still READING is left to this
     * instance until {@code readerUntil}: it holds the file open at the checkpoint, where another instance would copy
     * the file out of the database again and read it from its start (its next claim, right after, takes it back
     * unless an older job is waiting). Past that moment, or after any other phase, any instance may claim it.
     */
    public void release(UUID id, String owner, Instant readerUntil) {
        jdbc.sql("UPDATE importer.import_job SET lease_owner = NULL, lease_until = NULL,"
                        + " reader = CASE WHEN phase = 'READING' THEN lease_owner END,"
                        + " reader_until = CASE WHEN phase = 'READING' THEN ?::timestamptz END"
                        + " WHERE id = ? AND lease_owner = ?")
                .params(Timestamp.from(readerUntil), id, owner).update();
    }

    /**
     * Puts a job back unclaimable until {@code until}, keeping no owner (so {@link #release} leaves it so); one
     * that has read nothing is not started yet, and its rows per second will not count the wait.
     */
    public void deferUntil(UUID id, Instant until) {
        jdbc.sql("UPDATE importer.import_job SET lease_owner = NULL, lease_until = ?,"
                        + " started_at = CASE WHEN rows_consumed = 0 THEN NULL ELSE started_at END WHERE id = ?")
                .params(Timestamp.from(until), id).update();
    }

    /**
     * The reading checkpoint and counts of a slice, in the slice's transaction; only from the checkpoint the slice
     * started at, so a slice that overran its lease while another instance took the job over rolls back.
     */
    public void readSlice(UUID id, long from, long rowsConsumed, long bytesRead, long rows, long valid,
            long invalid) {
        checkpointMoved(jdbc.sql("""
                UPDATE importer.import_job SET rows_consumed = ?, bytes_read = ?, rows_read = rows_read + ?,
                    rows_valid = rows_valid + ?, rows_invalid = rows_invalid + ? WHERE id = ? AND rows_consumed = ?""")
                .params(rowsConsumed, bytesRead, rows, valid, invalid, id, from).update());
    }

    /**
     * Locks the job for a slice's transaction, from the checkpoint the slice starts at: another instance that took
     * the job over meanwhile (a lease run out) has moved it, and this slice rolls back before writing a row.
     */
    public void lockAt(UUID id, long rowsConsumed) {
        checkpointMoved(jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM importer.import_job WHERE id = ?"
                + " AND rows_consumed = ? FOR UPDATE) locked").params(id, rowsConsumed).query(Integer.class).single());
    }

    /**
     * Of the jobs whose files this instance holds open at these reading positions, those it will not read on from
     * there: gone, past their reading, or read on by another instance (their checkpoint moved); not those
     * {@code owner} holds now.
     */
    public List<UUID> notReadOnFrom(Map<UUID, Long> positions, String owner) {
        UUID[] ids = positions.keySet().toArray(UUID[]::new);
        Long[] at = Arrays.stream(ids).map(positions::get).toArray(Long[]::new);
        return jdbc.sql("""
                SELECT f.id FROM unnest(?::uuid[], ?::bigint[]) AS f (id, position)
                LEFT JOIN importer.import_job j ON j.id = f.id
                WHERE j.id IS NULL OR (j.lease_owner IS DISTINCT FROM ?
                    AND (j.phase <> 'READING' OR j.rows_consumed <> f.position))""")
                .params(ids, at, owner).query(UUID.class).list();
    }

    /**
     * Of these jobs, those that will never read their files again: ended, gone, or an import past its reading. A job
     * READING, or a dry run CHECKING (it reads the rows its checks refused again), may still read it, from its
     * checkpoint after a restart or on another instance.
     */
    public List<UUID> notReadingTheirFiles(List<UUID> ids) {
        return jdbc.sql("""
                SELECT f.id FROM unnest(?::uuid[]) AS f (id)
                LEFT JOIN importer.import_job j ON j.id = f.id
                WHERE j.id IS NULL OR j.phase IN ('COMPLETED', 'FAILED')
                   OR (j.mode = 'IMPORT' AND j.phase <> 'READING')""")
                .param(ids.toArray(UUID[]::new)).query(UUID.class).list();
    }

    public void warnings(UUID id, List<FileWarning> warnings) {
        jdbc.sql("UPDATE importer.import_job SET warnings = ?::jsonb WHERE id = ?")
                .params(JSON.writeValueAsString(warnings), id).update();
    }

    public void phase(UUID id, JobPhase phase) {
        jdbc.sql("UPDATE importer.import_job SET phase = ? WHERE id = ?").params(phase.name(), id).update();
    }

    /** The counts after the set-wise checks. */
    public void checked(UUID id, long valid, long invalid, JobPhase next) {
        jdbc.sql("UPDATE importer.import_job SET rows_valid = ?, rows_invalid = ?, phase = ? WHERE id = ?")
                .params(valid, invalid, next.name(), id).update();
    }

    /** As {@link #readSlice}: only from the checkpoint the slice started at. */
    public void appliedSlice(UUID id, long from, long appliedThrough, long applied) {
        checkpointMoved(jdbc.sql("UPDATE importer.import_job SET applied_through = ?, rows_applied = rows_applied + ?"
                + " WHERE id = ? AND applied_through = ?").params(appliedThrough, applied, id, from).update());
    }

    private static void checkpointMoved(int updated) {
        if (updated != 1) {
            throw new IllegalStateException("the job's checkpoint moved: another instance took it over");
        }
    }

    public void outcome(UUID id, long created, long failed) {
        jdbc.sql("UPDATE importer.import_job SET accounts_created = accounts_created + ?,"
                + " rows_failed = rows_failed + ? WHERE id = ?").params(created, failed, id).update();
    }

    public void finish(UUID id, JobPhase phase, String errorCode, String errorMessage, Instant now) {
        jdbc.sql("UPDATE importer.import_job SET phase = ?, error_code = ?, error_message = ?, finished_at = ?,"
                        + " lease_owner = NULL, lease_until = NULL WHERE id = ?")
                .params(phase.name(), errorCode, errorMessage, Timestamp.from(now), id).update();
    }

    private static ImportJob job(ResultSet rs, int n) throws SQLException {
        return new ImportJob(rs.getObject("id", UUID.class), rs.getString("workspace_id"),
                AccountTemplate.valueOf(rs.getString("template")), ImportMode.valueOf(rs.getString("mode")),
                rs.getBoolean("atomic"), rs.getString("file_name"), rs.getLong("file_size"),
                rs.getString("actor_id"), rs.getString("client_ip"), JobPhase.valueOf(rs.getString("phase")),
                rs.getLong("rows_consumed"), rs.getLong("bytes_read"), rs.getLong("rows_read"),
                rs.getLong("rows_valid"), rs.getLong("rows_invalid"), rs.getLong("applied_through"),
                rs.getLong("rows_applied"), rs.getLong("accounts_created"), rs.getLong("rows_failed"),
                JSON.readValue(rs.getString("warnings"), new TypeReference<List<FileWarning>>() { }),
                rs.getString("error_code"), rs.getString("error_message"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"),
                List.of((String[]) rs.getArray("cell_columns").getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
