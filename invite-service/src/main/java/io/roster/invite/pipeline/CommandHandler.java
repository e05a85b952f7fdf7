package io.roster.invite.pipeline;

import io.roster.contracts.Payload;
import io.roster.contracts.account.FieldProblem;
import java.util.List;
import java.util.Optional;

/**
 * Decides the commands of one payload type, found by that type among the Spring beans. The pipeline around it skips
 * request ids handled before, finds the workspace, holds the transaction, and publishes and logs the outcome.
 */
public interface CommandHandler<P extends Payload> {

    Class<P> payloadType();

    default WorkspaceAccess workspaceAccess() {
        return WorkspaceAccess.LOCKED;
    }

    /**
     * Checks the command and, if it passes, applies it. A {@link WorkspaceAccess#LOCKED} handler refuses before it
     * writes anything.
     */
    Decision decide(Command<P> command);

    /**
     * The problems that {@code failure}, thrown by the commit of an HTTP request, stands for when it is a refusal the
     * database made at commit (a rule checked by a deferred constraint); empty for a real failure.
     */
    default Optional<List<FieldProblem>> refusalAtCommit(RuntimeException failure) {
        return Optional.empty();
    }
}
