package io.roster.audit.workspace;

import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.workspace.WorkspaceFacts;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What audit-sink knows of each workspace from roster.workspaces: its name and the zone of its local dates. */
@Repository("auditWorkspaceZones")
public class WorkspaceZones {

    private final JdbcClient jdbc;

    WorkspaceZones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void remember(String workspaceId, WorkspaceFacts facts, String factsJson, Instant at) {
        jdbc.sql("""
                INSERT INTO audit.workspace (workspace_id, name, time_zone, facts, updated_at)
                VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (workspace_id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone,
                    facts = EXCLUDED.facts, updated_at = EXCLUDED.updated_at""")
                .params(workspaceId, facts.name(), facts.timeZone(), factsJson, Timestamp.from(at))
                .update();
    }

    /** The workspace's latest facts known here, if any. */
    Optional<WorkspaceFacts> factsOf(String workspaceId, EnvelopeCodec codec) {
        return jdbc.sql("SELECT facts::text FROM audit.workspace WHERE workspace_id = ?").param(workspaceId)
                .query(String.class).optional()
                .flatMap(json -> {
                    try {
                        return Optional.of(codec.mapper().readValue(json, WorkspaceFacts.class));
                    } catch (RuntimeException unreadable) {
                        // kept by an older version in another shape: the next facts read as the first known
                        return Optional.empty();
                    }
                });
    }

    /** The workspace's zone; UTC until its facts have arrived. */
    public ZoneId zoneOf(String workspaceId) {
        return jdbc.sql("SELECT time_zone FROM audit.workspace WHERE workspace_id = ?").param(workspaceId)
                .query(String.class).optional().map(ZoneId::of).orElse(ZoneOffset.UTC);
    }

    /** The workspace's name, when known. */
    public Optional<String> nameOf(String workspaceId) {
        return jdbc.sql("SELECT name FROM audit.workspace WHERE workspace_id = ?").param(workspaceId)
                .query(String.class).optional();
    }
}
