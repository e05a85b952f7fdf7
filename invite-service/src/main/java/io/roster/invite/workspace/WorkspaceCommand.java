package io.roster.invite.workspace;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.FieldProblem;
import java.util.List;

/**
 * An admin command beyond accounts and invitations (workspace settings, buckets, access keys). The account command
 * handler runs it for REST and Kafka alike, inside its transaction and with the workspace row locked; it keeps the
 * request-id bookkeeping and publishes the rejection event when problems come back.
 */
public interface WorkspaceCommand {

    boolean handles(Payload payload);

    /**
     * Checks the command, then applies it and publishes its outcome event(s) through the service outbox. Returns
     * the problems that refuse it, found before anything is written; empty when it was applied.
     */
    List<FieldProblem> apply(Envelope<? extends Payload> command, Workspace workspace);
}
