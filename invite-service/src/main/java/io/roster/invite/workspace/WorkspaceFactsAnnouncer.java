package io.roster.invite.workspace;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.messaging.Outbox;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces a workspace's whole current state ({@code workspace.facts.v1}) on the compacted topic
 * {@code roster.workspaces}, through the outbox, in the transaction that changed it: every writer of a fact of the
 * workspace row (its creation, its session control) calls {@link #announce} after the write. The licence and
 * invitation counters are not facts: they change with every account.
 */
@Component
public class WorkspaceFactsAnnouncer {

    private final WorkspaceRepository workspaces;
    private final Outbox outbox;
    private final Clock clock;

    WorkspaceFactsAnnouncer(WorkspaceRepository workspaces, @Qualifier("inviteOutbox") Outbox outbox, Clock clock) {
        this.workspaces = workspaces;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Publishes the workspace's facts as they now are in this transaction, for the request that changed them. */
    public void announce(String workspaceId, String requestId, Actor actor) {
        WorkspaceFacts facts = workspaces.facts(workspaceId)
                .orElseThrow(() -> new IllegalStateException("no workspace '" + workspaceId + "' to announce"));
        outbox.publish(new Envelope<>(UUID.randomUUID(), MessageType.WORKSPACE_FACTS.typeName(), clock.instant(),
                workspaceId, requestId, actor, facts));
    }

    /**
     * Announces every workspace again, at start-up: workspaces stored before the facts were announced (or whose
     * topic was lost) become known to the other services. The topic is compacted, so this costs one record per
     * workspace and changes nothing for a reader that knew them already.
     */
    @Transactional
    public int announceAll() {
        String requestId = "start-up-" + UUID.randomUUID();
        Actor actor = Actor.system("start-up");
        var ids = workspaces.ids();
        ids.forEach(id -> announce(id, requestId, actor));
        return ids.size();
    }
}
