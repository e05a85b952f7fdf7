package io.roster.invite.workspace;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.FieldProblem;
import java.util.List;

/**
 * An admin command beyond accounts and invitations (workspace settings, buckets, access keys). The account command
 * handler runs it for REST and Kafka alike, inside its transaction and with the workspace row locked; it keeps the
 * request-id bookkeeping and publishes the outcome: the rejection when problems come back, else the event the
 * command returns.
 */
public interface WorkspaceCommand {

    boolean handles(Payload payload);

    /**
     * Checks the command, then applies it. Returns the problems that refuse it, found before anything is written,
     * or the event announcing what it did (none when the command announces in its own terms).
     */
    Result apply(Envelope<? extends Payload> command, Workspace workspace);

    /** Problems, or else the outcome event (null: nothing for the handler to publish). */
    record Result(List<FieldProblem> problems, Payload event) {

        public static Result refused(List<FieldProblem> problems) {
            return new Result(problems, null);
        }

        public static Result refused(FieldProblem problem) {
            return refused(List.of(problem));
        }

        public static Result done(Payload event) {
            return new Result(List.of(), event);
        }
    }
}
