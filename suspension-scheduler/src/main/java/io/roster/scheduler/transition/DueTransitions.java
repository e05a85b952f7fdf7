package io.roster.scheduler.transition;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pending transitions ({@code scheduler.due_transition}): at most one of each kind per subject, indexed on the due
 * instant. The feeds write them in the transaction that applies the event they come from; the sweep deletes them as
 * it publishes their commands.
 */
@Component
public class DueTransitions implements TransitionWrites {

    private final JdbcClient jdbc;

    DueTransitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Changes gathered (a poll's) and written together by {@link TransitionBatch#flush}, in the caller's transaction. */
    public TransitionBatch batch() {
        return new TransitionBatch(jdbc);
    }

    @Override
    public void schedule(String workspaceId, String subjectId, TransitionKind kind, Instant dueAt, Instant version) {
        jdbc.sql("""
                INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, subject_id, kind) DO UPDATE
                    SET due_at = excluded.due_at, version = excluded.version
                    WHERE due_transition.version <= excluded.version""")
                .params(workspaceId, subjectId, kind.name(), Timestamp.from(dueAt), Timestamp.from(version))
                .update();
    }

    /**
     * {@inheritDoc} For kinds the caller derives from all it knows of the subject, under its lock, rather than from
     * one fact of a version (see {@link TransitionKind} for the premise).
     */
    @Override
    public void replace(String workspaceId, String subjectId, TransitionKind kind, Instant dueAt, Instant targetAt,
            Instant premiseAt, Instant version) {
        jdbc.sql("""
                INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version, target_at,
                    premise_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, subject_id, kind) DO UPDATE
                    SET due_at = excluded.due_at, version = excluded.version, target_at = excluded.target_at,
                        premise_at = excluded.premise_at""")
                .params(workspaceId, subjectId, kind.name(), Timestamp.from(dueAt), Timestamp.from(version),
                        targetAt == null ? null : Timestamp.from(targetAt),
                        premiseAt == null ? null : Timestamp.from(premiseAt))
                .update();
    }

    @Override
    public void cancel(String workspaceId, String subjectId, TransitionKind kind) {
        jdbc.sql("DELETE FROM scheduler.due_transition WHERE workspace_id = ? AND subject_id = ? AND kind = ?")
                .params(workspaceId, subjectId, kind.name())
                .update();
    }

    /** {@inheritDoc} One statement. */
    @Override
    public void cancel(String workspaceId, String subjectId, java.util.Collection<TransitionKind> kinds) {
        if (kinds.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM scheduler.due_transition WHERE workspace_id = ? AND subject_id = ? AND kind = ANY(?)")
                .params(workspaceId, subjectId, kinds.stream().map(Enum::name).toArray(String[]::new))
                .update();
    }

    @Override
    public void cancelAll(String workspaceId, String subjectId) {
        jdbc.sql("DELETE FROM scheduler.due_transition WHERE workspace_id = ? AND subject_id = ?")
                .params(workspaceId, subjectId)
                .update();
    }

    /** One page of the workspace's pending transitions, the earliest first, with their local time when known. */
    List<ScheduledTransition> page(String workspaceId, int offset, int limit) {
        return jdbc.sql("""
                SELECT d.subject_id, d.kind, d.due_at, z.time_zone, d.target_at
                FROM scheduler.due_transition d
                LEFT JOIN scheduler.workspace_zone z ON z.workspace_id = d.workspace_id
                WHERE d.workspace_id = ?
                ORDER BY d.due_at, d.id
                OFFSET ? LIMIT ?""")
                .params(workspaceId, offset, limit)
                .query((rs, n) -> ScheduledTransition.of(rs.getString(1), TransitionKind.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** How many transitions are due at {@code now} and not yet swept. */
    long dueCount(Instant now) {
        return jdbc.sql("SELECT count(*) FROM scheduler.due_transition WHERE due_at <= ?")
                .param(Timestamp.from(now)).query(Long.class).single();
    }

    /** The earliest pending due instant. */
    Optional<Instant> nextDue() {
        return jdbc.sql("SELECT min(due_at) FROM scheduler.due_transition")
                .query((rs, n) -> rs.getTimestamp(1)).optional().map(Timestamp::toInstant);
    }
}
