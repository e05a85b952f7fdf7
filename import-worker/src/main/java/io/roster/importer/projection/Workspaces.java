package io.roster.importer.projection;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Payload;
import io.roster.contracts.workspace.WorkspaceFacts;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code importer.workspace_facts}: the latest {@code workspace.facts.v1} of each workspace, from the compacted
 * {@code roster.workspaces} (a new instance learns every workspace by reading it from the beginning).
 */
@Repository("importerWorkspaces")
public class Workspaces {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private final JdbcClient jdbc;

    public Workspaces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void store(Envelope<?> facts) {
        jdbc.sql("""
                INSERT INTO importer.workspace_facts (workspace_id, envelope) VALUES (?, ?)
                ON CONFLICT (workspace_id) DO UPDATE SET envelope = excluded.envelope""")
                .params(facts.workspaceId(), CODEC.writeString(facts)).update();
    }

    public Optional<WorkspaceFacts> facts(String workspaceId) {
        return jdbc.sql("SELECT envelope FROM importer.workspace_facts WHERE workspace_id = ?").param(workspaceId)
                .query(String.class).optional()
                .map(json -> {
                    Envelope<Payload> envelope = CODEC.read(json);
                    return (WorkspaceFacts) envelope.payload();
                });
    }
}
