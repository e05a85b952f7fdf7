package io.roster.scheduler.transition;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;

/**
 * Changes to the pending transitions, as the feeds derive them: made at once ({@link DueTransitions}), or gathered
 * over a poll of events and written in a few set-wise statements ({@link DueTransitions#batch()}).
 */
public interface TransitionWrites {

    /**
     * The transition of {@code kind} of the subject falls at {@code dueAt} (a past instant: at the next sweep), unless
     * the pending one comes from a newer fact ({@code version}).
     */
    void schedule(String workspaceId, String subjectId, TransitionKind kind, Instant dueAt, Instant version);

    /**
     * The transition of {@code kind} of the subject falls at {@code dueAt}, about {@code targetAt} (a warning's
     * suspension, else null), derived from {@code premiseAt}, whatever was pending.
     */
    void replace(String workspaceId, String subjectId, TransitionKind kind, Instant dueAt, Instant targetAt,
            Instant premiseAt, Instant version);

    /** The pending transitions of these kinds of the subject, if any, will not happen. */
    void cancel(String workspaceId, String subjectId, Collection<TransitionKind> kinds);

    /** The pending transition of {@code kind} of the subject, if any, will not happen. */
    default void cancel(String workspaceId, String subjectId, TransitionKind kind) {
        cancel(workspaceId, subjectId, EnumSet.of(kind));
    }

    /** No pending transition of the subject will happen (the account is closed or deleted). */
    default void cancelAll(String workspaceId, String subjectId) {
        cancel(workspaceId, subjectId, EnumSet.allOf(TransitionKind.class));
    }
}
