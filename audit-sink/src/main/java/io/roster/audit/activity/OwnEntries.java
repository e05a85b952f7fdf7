package io.roster.audit.activity;

import io.roster.contracts.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Entries audit-sink writes itself into a workspace's log (the chain's retention and erasure markers), in the
 * caller's transaction, in the workspace's own chain ({@link ChainShard#OWN}). Their {@code type} is audit-sink's
 * own, not a contract type; the actor is audit-sink.
 *
 * <p>A transaction may write markers in several workspaces one after the other (retention, the erasures of a poll),
 * each locking a head: those transactions take {@link #MARKERS} first, one at a time, so that two of them never hold
 * heads the other waits for.
 */
@Component("auditOwnEntries")
public class OwnEntries {

    /** Transaction-scoped, exclusive: one writer of markers at a time, across instances. */
    private static final String MARKERS = "SELECT pg_advisory_xact_lock(" + 0x61756469745f6dL + ")"; // "audit_m"

    private final ActivityRows rows;
    private final ActivityPartitions partitions;
    private final JdbcTemplate jdbc;

    OwnEntries(ActivityRows rows, ActivityPartitions partitions, JdbcTemplate jdbc) {
        this.rows = rows;
        this.partitions = partitions;
        this.jdbc = jdbc;
    }

    /** An entry whose details are {@code detailsJson}: any JSON, stored (and hashed) in jsonb's text form. */
    public void write(String workspaceId, String type, String action, String summary, String detailsJson,
            Instant at) {
        partitions.ensure(List.of(ActivityPartitions.dayOf(at)));
        jdbc.queryForList(MARKERS);
        rows.append(List.of(new ActivityRows.Entry(new ActivityRow(UUID.randomUUID(), workspaceId, at, type, action,
                null, workspaceId, Actor.Kind.SYSTEM.name(), "audit-sink", null, type + "-" + UUID.randomUUID(),
                summary, JsonbText.ofJson(detailsJson), null), ChainShard.OWN)));
    }
}
