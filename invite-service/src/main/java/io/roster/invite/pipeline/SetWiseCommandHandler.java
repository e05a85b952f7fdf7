package io.roster.invite.pipeline;

import io.roster.contracts.Payload;
import java.util.List;

/**
 * A handler that decides a run of consecutive commands of its type set-wise — a few statements for the whole run —
 * with the same outcomes, in the same order, as one at a time. A single command is a run of one: one code path.
 * It counts late ({@link WorkspaceAccess#COUNTED_LATE}) and publishes and logs every outcome itself, in its own
 * statements.
 */
public interface SetWiseCommandHandler<P extends Payload> extends CommandHandler<P> {

    /** The decisions, in the order of {@code run}; may throw {@link DecideAgainUnderLock}. */
    List<Decision> decideAll(List<Command<P>> run);

    /**
     * As {@link #decideAll(List)}, finding the run's conflicts as {@code check} says; a handler whose
     * {@link #firstCheck} is {@link ConflictCheck#LOOKED_UP} is only asked that way.
     */
    default List<Decision> decideAll(List<Command<P>> run, ConflictCheck check) {
        return decideAll(run);
    }

    /** How a Kafka run of this handler is decided first: {@link ConflictCheck#LOOKED_UP} unless it says otherwise. */
    default ConflictCheck firstCheck() {
        return ConflictCheck.LOOKED_UP;
    }

    @Override
    default WorkspaceAccess workspaceAccess() {
        return WorkspaceAccess.COUNTED_LATE;
    }

    @Override
    default Decision decide(Command<P> command) {
        return decideAll(List.of(command)).get(0);
    }
}
