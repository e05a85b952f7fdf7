package io.roster.audit.workspace;

import io.roster.audit.activity.ActivityWriter;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InvalidMessageException;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.messaging.QuietTopics;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each workspace's latest facts from the compacted {@code roster.workspaces}: the report reads its dates in the
 * workspace's time zone. The facts are state, republished unchanged at every start-up of invite-service: a record
 * becomes an activity entry only when it says something new (a workspace first known here, or a fact changed), by
 * comparison with the facts kept. The entry is written before the facts are kept: a redelivery after a failure in
 * between finds the same change and writes the same event id again, which the log skips.
 */
@Component("auditWorkspaceFactsListener")
class WorkspaceFactsListener {

    private final WorkspaceZones zones;
    private final EnvelopeCodec codec;
    private final ActivityWriter writer;

    WorkspaceFactsListener(WorkspaceZones zones, EnvelopeCodec codec, ActivityWriter writer) {
        this.zones = zones;
        this.codec = codec;
        this.writer = writer;
    }

    @KafkaListener(id = "audit-sink.workspaces", topics = Topics.WORKSPACES,
            groupId = "${roster.audit.consumer-group:roster-audit-sink}",
            containerFactory = "auditListenerContainerFactory",
            properties = {QuietTopics.FETCH_MIN_BYTES, QuietTopics.FETCH_MAX_WAIT})
    public void onFacts(Envelope<Payload> event) {
        if (!(event.payload() instanceof WorkspaceFacts facts)) {
            throw new InvalidMessageException("not workspace facts: " + event.type());
        }
        try {
            ZoneId.of(facts.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidMessageException("unknown time zone in the facts of " + event.workspaceId(), e);
        }
        WorkspaceFacts previous = zones.factsOf(event.workspaceId(), codec).orElse(null);
        ActivityWriter.Described entry = ActivityWriter.describeFacts(event, previous, codec);
        if (entry != null) {
            writer.write(List.of(entry));
        }
        zones.remember(event.workspaceId(), facts, codec.mapper().writeValueAsString(facts), event.occurredAt());
    }
}
