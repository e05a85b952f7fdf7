package io.roster.audit.activity;

import io.roster.contracts.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Entries audit-sink writes itself into a workspace's log (the chain's retention and erasure markers), in the
 * caller's transaction. Their {@code type} is audit-sink's own, not a contract type; the actor is audit-sink.
 */
@Component("auditOwnEntries")
public class OwnEntries {

    private final ActivityRows rows;
    private final ActivityPartitions partitions;

    OwnEntries(ActivityRows rows, ActivityPartitions partitions) {
        this.rows = rows;
        this.partitions = partitions;
    }

    public void write(String workspaceId, String type, String action, String summary, String detailsJson,
            Instant at) {
        partitions.ensure(List.of(ActivityPartitions.dayOf(at)));
        rows.insert(List.of(new ActivityRow(UUID.randomUUID(), workspaceId, at, type, action, null, workspaceId,
                Actor.Kind.SYSTEM.name(), "audit-sink", null, type + "-" + UUID.randomUUID(), summary, detailsJson,
                null)));
    }
}
