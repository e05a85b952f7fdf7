package io.roster.scheduler.transition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The changes of one poll of events to the pending transitions, gathered and then written by {@link #flush} in at
 * most three statements (one delete, one conditional and one unconditional upsert) instead of one or more per event.
 * Each (subject, kind) gets the net effect of its changes in their order, as if each had been written at once: the
 * last cancel or replace wins; a schedule applies over what came before it in the poll by the same version rule as
 * in the table ({@link DueTransitions#schedule}). Rows are written in key order, so that two transactions writing
 * the same rows lock them in the same order.
 */
public final class TransitionBatch implements TransitionWrites {

    private record Key(String workspaceId, String subjectId, TransitionKind kind) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::workspaceId).thenComparing(Key::subjectId)
                .thenComparing(Key::kind);
    }

    /**
     * The net change of one row: deleted; or written, {@code onlyIfNotNewer} as a schedule is (only due_at and version
     * of a row whose version is not newer), else whatever was there.
     */
    private record Change(boolean delete, boolean onlyIfNotNewer, Instant dueAt, Instant version, Instant targetAt,
            Instant premiseAt) {

        static final Change DELETE = new Change(true, false, null, null, null, null);
    }

    private final JdbcClient jdbc;
    private final Map<Key, Change> changes = new TreeMap<>(Key.ORDER);

    TransitionBatch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void schedule(String workspaceId, String subjectId, TransitionKind kind, Instant dueAt, Instant version) {
        Key key = new Key(workspaceId, subjectId, kind);
        Change before = changes.get(key);
        Change next;
        if (before == null) {
            next = new Change(false, true, dueAt, version, null, null);
        } else if (before.delete()) {
            // the row is gone by then: the schedule makes it, whatever the table held
            next = new Change(false, false, dueAt, version, null, null);
        } else if (!before.version().isAfter(version)) {
            // over the row the poll wrote: its target and premise stay, as the table's update keeps them
            next = new Change(false, before.onlyIfNotNewer(), dueAt, version, before.targetAt(), before.premiseAt());
        } else {
            next = before; // the poll's row is newer: this schedule changes nothing
        }
        changes.put(key, next);
    }

    @Override
    public void replace(String workspaceId, String subjectId, TransitionKind kind, Instant dueAt, Instant targetAt,
            Instant premiseAt, Instant version) {
        changes.put(new Key(workspaceId, subjectId, kind), new Change(false, false, dueAt, version, targetAt,
                premiseAt));
    }

    @Override
    public void cancel(String workspaceId, String subjectId, Collection<TransitionKind> kinds) {
        for (TransitionKind kind : kinds) {
            changes.put(new Key(workspaceId, subjectId, kind), Change.DELETE);
        }
    }

    /** Writes the gathered changes (in the caller's transaction) and forgets them. */
    public void flush() {
        List<Map.Entry<Key, Change>> deleted = new ArrayList<>();
        List<Map.Entry<Key, Change>> scheduled = new ArrayList<>();
        List<Map.Entry<Key, Change>> replaced = new ArrayList<>();
        for (Map.Entry<Key, Change> change : changes.entrySet()) {
            (change.getValue().delete() ? deleted : change.getValue().onlyIfNotNewer() ? scheduled : replaced)
                    .add(change);
        }
        changes.clear();
        if (!deleted.isEmpty()) {
            jdbc.sql("""
                    DELETE FROM scheduler.due_transition d
                    USING unnest(?::text[], ?::text[], ?::text[]) AS x(w, s, k)
                    WHERE d.workspace_id = x.w AND d.subject_id = x.s AND d.kind = x.k""")
                    .params(column(deleted, k -> k.workspaceId()), column(deleted, k -> k.subjectId()),
                            column(deleted, k -> k.kind().name()))
                    .update();
        }
        if (!scheduled.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version)
                    SELECT w, s, k, d, v FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[],
                        ?::timestamptz[]) AS x(w, s, k, d, v)
                    ON CONFLICT (workspace_id, subject_id, kind) DO UPDATE
                        SET due_at = excluded.due_at, version = excluded.version
                        WHERE due_transition.version <= excluded.version""")
                    .params(column(scheduled, k -> k.workspaceId()), column(scheduled, k -> k.subjectId()),
                            column(scheduled, k -> k.kind().name()), instants(scheduled, Change::dueAt),
                            instants(scheduled, Change::version))
                    .update();
        }
        if (!replaced.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version, target_at,
                        premise_at)
                    SELECT w, s, k, d, v, t, p FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[],
                        ?::timestamptz[], ?::timestamptz[], ?::timestamptz[]) AS x(w, s, k, d, v, t, p)
                    ON CONFLICT (workspace_id, subject_id, kind) DO UPDATE
                        SET due_at = excluded.due_at, version = excluded.version, target_at = excluded.target_at,
                            premise_at = excluded.premise_at""")
                    .params(column(replaced, k -> k.workspaceId()), column(replaced, k -> k.subjectId()),
                            column(replaced, k -> k.kind().name()), instants(replaced, Change::dueAt),
                            instants(replaced, Change::version), instants(replaced, Change::targetAt),
                            instants(replaced, Change::premiseAt))
                    .update();
        }
    }

    private static String[] column(List<Map.Entry<Key, Change>> rows, java.util.function.Function<Key, String> of) {
        return rows.stream().map(row -> of.apply(row.getKey())).toArray(String[]::new);
    }

    /** ISO-8601 instants, read by PostgreSQL as timestamptz (null stays null). */
    private static String[] instants(List<Map.Entry<Key, Change>> rows,
            java.util.function.Function<Change, Instant> of) {
        return rows.stream().map(row -> of.apply(row.getValue())).map(i -> i == null ? null : i.toString())
                .toArray(String[]::new);
    }
}
