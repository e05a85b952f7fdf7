package io.roster.importer.projection;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.messaging.QuietTopics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the latest facts of each workspace. Replacing the state with the latest record is idempotent: a
 * redelivery writes what is there already.
 */
@Component("importerWorkspaceFactsListener")
class WorkspaceFactsListener {

    private final Workspaces workspaces;

    WorkspaceFactsListener(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @KafkaListener(id = "import-worker.workspaces", topics = Topics.WORKSPACES,
            groupId = "${roster.import.consumer-group:roster-import-worker}",
            containerFactory = "importerListenerContainerFactory",
            properties = {QuietTopics.FETCH_MIN_BYTES, QuietTopics.FETCH_MAX_WAIT})
    public void onFacts(Envelope<Payload> event) {
        if (event.payload() instanceof WorkspaceFacts) {
            workspaces.store(event);
        }
    }
}
