package io.roster.scheduler.workspace;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.messaging.QuietTopics;
import io.roster.scheduler.account.AutomaticTransitions;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each workspace's time zone and automatic suspension from {@code workspace.facts.v1} (the whole state, on a
 * compacted topic: applying a record twice is harmless, an older one than known changes nothing). Suspension dates
 * reach the scheduler as instants, resolved by invite-service in the zone of the moment they were written; the zone
 * here shows them locally, and counts the days of automatic suspension and expiry (a changed zone derives them
 * again). Changed automatic suspension settings derive the workspace's automatic transitions again.
 */
@Component
class WorkspaceFactsListener {

    private final JdbcClient jdbc;
    private final AutomaticTransitions automatic;

    WorkspaceFactsListener(JdbcClient jdbc, AutomaticTransitions automatic) {
        this.jdbc = jdbc;
        this.automatic = automatic;
    }

    @KafkaListener(id = "suspension-scheduler.workspaces", topics = Topics.WORKSPACES,
            groupId = "${roster.scheduler.consumer-group:roster-suspension-scheduler}",
            containerFactory = "schedulerListenerContainerFactory",
            properties = {QuietTopics.FETCH_MIN_BYTES, QuietTopics.FETCH_MAX_WAIT})
    @Transactional
    public void onFacts(Envelope<Payload> event) {
        if (event.payload() instanceof WorkspaceFacts facts) {
            String previousZone = jdbc.sql("SELECT time_zone FROM scheduler.workspace_zone WHERE workspace_id = ?")
                    .param(event.workspaceId()).query(String.class).optional().orElse(null);
            jdbc.sql("""
                    INSERT INTO scheduler.workspace_zone (workspace_id, time_zone, version) VALUES (?, ?, ?)
                    ON CONFLICT (workspace_id) DO UPDATE SET time_zone = excluded.time_zone, version = excluded.version
                        WHERE workspace_zone.version <= excluded.version""")
                    .params(event.workspaceId(), facts.timeZone(), Timestamp.from(event.occurredAt()))
                    .update();
            automatic.settingsChanged(event.workspaceId(), facts.automaticSuspension(), previousZone, facts.timeZone(),
                    event.occurredAt());
        }
    }
}
