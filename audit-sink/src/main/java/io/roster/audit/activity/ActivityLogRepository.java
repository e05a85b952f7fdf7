package io.roster.audit.activity;

import io.roster.contracts.Envelope;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ActivityLogRepository {

    private final JdbcClient jdbc;

    ActivityLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the entry unless this event id was already recorded (a redelivery); returns whether it wrote. */
    boolean record(Envelope<?> event, ActivityDescription d) {
        return jdbc.sql("""
                INSERT INTO audit.activity_log (event_id, workspace_id, occurred_at, type, action, account_id, subject,
                    actor_kind, actor_id, client_ip, request_id, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")
                .params(event.eventId(), event.workspaceId(), Timestamp.from(event.occurredAt()), event.type(),
                        d.action(), d.accountId(), event.payload().subject(),
                        event.actor() == null ? null : event.actor().kind().name(),
                        event.actor() == null ? null : event.actor().id(),
                        event.actor() == null ? null : event.actor().clientIp(), event.requestId(), d.summary())
                .update() == 1;
    }

    /**
     * After a permanent deletion: the account's entries keep what happened and when, under a pseudonymous id;
     * names, logins and addresses in them are erased.
     */
    int pseudonymize(String workspaceId, String accountId, String pseudonymousId) {
        return jdbc.sql("""
                UPDATE audit.activity_log SET account_id = ?, subject = ?,
                    actor_id = CASE WHEN actor_id = ? OR actor_kind = 'USER' THEN ? ELSE actor_id END,
                    summary = CASE WHEN action = 'ACCOUNT_DELETED' THEN summary
                        ELSE action || ' (personal data erased)' END
                WHERE workspace_id = ? AND (account_id = ? OR subject = ?)""")
                .params(pseudonymousId, pseudonymousId, accountId, pseudonymousId, workspaceId, accountId, accountId)
                .update();
    }

    /** A workspace's entries in [from, to), newest first. */
    List<ActivityEntry> find(String workspaceId, Instant from, Instant to, int offset, int limit) {
        return jdbc.sql("""
                SELECT event_id, occurred_at, type, action, account_id, subject, actor_kind, actor_id, client_ip,
                       request_id, summary
                FROM audit.activity_log
                WHERE workspace_id = ? AND occurred_at >= ? AND occurred_at < ?
                ORDER BY occurred_at DESC, id DESC OFFSET ? LIMIT ?""")
                .params(workspaceId, Timestamp.from(from), Timestamp.from(to), offset, limit)
                .query((rs, n) -> new ActivityEntry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)))
                .list();
    }
}
