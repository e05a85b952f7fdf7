package io.roster.scheduler.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.scheduler.SchedulerIntegrationTest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll's changes to the pending transitions, gathered and written together, leave the table as the same changes
 * written one at a time would: the same sequences are applied to one subject at once and to another through a batch,
 * over the same row already in the table, and the two rows compared.
 */
class TransitionBatchIT extends SchedulerIntegrationTest {

    private static final Instant T = Instant.parse("2031-03-01T09:00:00Z");
    private static final TransitionKind DATE = TransitionKind.SUSPENSION_DATE;
    private static final TransitionKind AUTO = TransitionKind.AUTO_SUSPEND;

    @Autowired
    DueTransitions transitions;
    @Autowired
    TransactionTemplate transactions;

    private static Instant at(int minutes) {
        return T.plusSeconds(60L * minutes);
    }

    /** Changes to one (workspace, subject): applied once at once, once through a batch. */
    private record Sequence(String name, BiConsumer<TransitionWrites, String[]> changes) {
    }

    @Test
    void aPollsChangesWrittenTogetherLeaveWhatTheSameChangesWrittenOneByOneLeave() {
        List<Sequence> sequences = List.of(
                new Sequence("an older schedule over the table's row changes nothing",
                        (w, s) -> w.schedule(s[0], s[1], DATE, at(5), at(-20))),
                new Sequence("a newer schedule moves it",
                        (w, s) -> w.schedule(s[0], s[1], DATE, at(5), at(20))),
                new Sequence("schedule, then cancel",
                        (w, s) -> {
                            w.schedule(s[0], s[1], DATE, at(5), at(20));
                            w.cancel(s[0], s[1], DATE);
                        }),
                new Sequence("cancel, then an older schedule: made anew",
                        (w, s) -> {
                            w.cancel(s[0], s[1], DATE);
                            w.schedule(s[0], s[1], DATE, at(7), at(-30));
                        }),
                new Sequence("two schedules, the newer first",
                        (w, s) -> {
                            w.schedule(s[0], s[1], DATE, at(8), at(30));
                            w.schedule(s[0], s[1], DATE, at(9), at(25));
                        }),
                new Sequence("two schedules, the older first",
                        (w, s) -> {
                            w.schedule(s[0], s[1], DATE, at(8), at(25));
                            w.schedule(s[0], s[1], DATE, at(9), at(30));
                        }),
                new Sequence("replace, then an older schedule keeps the replaced row",
                        (w, s) -> {
                            w.replace(s[0], s[1], AUTO, at(11), at(3), at(-60), at(40));
                            w.schedule(s[0], s[1], AUTO, at(12), at(35));
                        }),
                new Sequence("replace, then a newer schedule keeps its target and premise",
                        (w, s) -> {
                            w.replace(s[0], s[1], AUTO, at(11), at(3), at(-60), at(40));
                            w.schedule(s[0], s[1], AUTO, at(12), at(45));
                        }),
                new Sequence("cancel all, then replace one kind",
                        (w, s) -> {
                            w.cancelAll(s[0], s[1]);
                            w.replace(s[0], s[1], AUTO, at(13), null, at(-5), at(1));
                        }),
                new Sequence("replace, then cancel several kinds",
                        (w, s) -> {
                            w.replace(s[0], s[1], TransitionKind.AUTO_EXPIRE, at(14), null, at(-5), at(1));
                            w.cancel(s[0], s[1], EnumSet.of(AUTO, TransitionKind.AUTO_EXPIRE));
                        }));
        String ws = newWorkspace();
        TransitionBatch batch = transitions.batch();
        for (int i = 0; i < sequences.size(); i++) {
            String[] once = {ws, "once-" + i};
            String[] batched = {ws, "batched-" + i};
            for (String[] subject : List.of(once, batched)) {
                // what the table held before the poll: a date and an automatic suspension, of version T
                transactions.executeWithoutResult(status -> {
                    transitions.schedule(subject[0], subject[1], DATE, at(1), T);
                    transitions.replace(subject[0], subject[1], AUTO, at(2), null, at(-1), T);
                });
            }
            Sequence sequence = sequences.get(i);
            transactions.executeWithoutResult(status -> sequence.changes().accept(transitions, once));
            sequence.changes().accept(batch, batched);
        }
        transactions.executeWithoutResult(status -> batch.flush());

        for (int i = 0; i < sequences.size(); i++) {
            assertThat(rows(ws, "batched-" + i)).as(sequences.get(i).name()).isEqualTo(rows(ws, "once-" + i));
        }
        assertThat(rows(ws, "batched-1")).containsEntry(DATE.name(), java.util.Arrays.asList(at(5), at(20), null, null));
    }

    /** The subject's rows: kind → due_at, version, target_at, premise_at. */
    private Map<String, List<Instant>> rows(String workspaceId, String subjectId) {
        Map<String, List<Instant>> rows = new java.util.TreeMap<>();
        jdbc.sql("SELECT kind, due_at, version, target_at, premise_at FROM scheduler.due_transition"
                        + " WHERE workspace_id = ? AND subject_id = ?")
                .params(workspaceId, subjectId)
                .query(rs -> {
                    List<Instant> values = new java.util.ArrayList<>();
                    for (int c = 2; c <= 5; c++) {
                        values.add(rs.getTimestamp(c) == null ? null : rs.getTimestamp(c).toInstant());
                    }
                    rows.put(rs.getString(1), values);
                });
        return rows;
    }
}
