package io.roster.audit.workspace;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InvalidMessageException;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.workspace.WorkspaceFacts;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each workspace's latest facts from the compacted {@code roster.workspaces}: the report reads its dates in the
 * workspace's time zone. State, not history: the facts are republished at every start-up, so they are not activity
 * entries (a settings change is one, from {@code workspace.settings-changed.v1}).
 */
@Component("auditWorkspaceFactsListener")
class WorkspaceFactsListener {

    private final WorkspaceZones zones;
    private final EnvelopeCodec codec;

    WorkspaceFactsListener(WorkspaceZones zones, EnvelopeCodec codec) {
        this.zones = zones;
        this.codec = codec;
    }

    @KafkaListener(id = "audit-sink.workspaces", topics = Topics.WORKSPACES,
            groupId = "${roster.audit.consumer-group:roster-audit-sink}",
            containerFactory = "auditListenerContainerFactory")
    public void onFacts(Envelope<Payload> event) {
        if (!(event.payload() instanceof WorkspaceFacts facts)) {
            throw new InvalidMessageException("not workspace facts: " + event.type());
        }
        try {
            ZoneId.of(facts.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidMessageException("unknown time zone in the facts of " + event.workspaceId(), e);
        }
        zones.remember(event.workspaceId(), facts, codec.mapper().writeValueAsString(facts), event.occurredAt());
    }
}
