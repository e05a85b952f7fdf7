package io.roster.audit.retention;

import io.roster.audit.AuditProperties;
import io.roster.audit.activity.RowKey;
import io.roster.audit.chain.MarkerSigner;
import io.roster.audit.chain.Markers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pseudonymises, once {@code roster.audit.address-retention} (30 days) has passed, the entries naming an address
 * that never became an account: those of invitations never accepted (cancelled, expired, pending for ever) and
 * rejected requests. They keep what happened, when and by whom; the address becomes a keyed pseudonym (the same
 * for every entry of one address), the text and details are erased — as a deleted account's entries are. The
 * rows so changed are listed in a signed erasure marker, so the chain still verifies.
 */
@Component("auditAddressErasure")
class AddressErasure {

    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MarkerSigner signer;
    private final Markers markers;
    private final AuditProperties properties;

    AddressErasure(JdbcClient jdbc, TransactionTemplate transactions, MarkerSigner signer, Markers markers,
            AuditProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.signer = signer;
        this.markers = markers;
        this.properties = properties;
    }

    private record Candidate(UUID eventId, OffsetDateTime occurredAt, String workspaceId, String subject) {
    }

    /** Erases what is due at {@code now}; returns how many entries. */
    int run(Instant now) {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(now.minus(properties.addressRetention()), ZoneOffset.UTC);
        int total = 0;
        int done;
        do {
            done = transactions.execute(status -> erase(cutoff));
            total += done;
        } while (done == BATCH);
        return total;
    }

    private int erase(OffsetDateTime cutoff) {
        List<Candidate> due = jdbc.sql("""
                SELECT event_id, occurred_at, workspace_id, subject FROM audit.activity_log a
                WHERE occurred_at < ? AND details IS NOT NULL
                  AND (action = 'REQUEST_REJECTED' OR (invitation_id IS NOT NULL AND NOT EXISTS (
                      SELECT 1 FROM audit.invitation_account l
                      WHERE l.workspace_id = a.workspace_id AND l.invitation_id = a.invitation_id)))
                ORDER BY occurred_at LIMIT ? FOR UPDATE""")
                .params(cutoff, BATCH)
                .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3), rs.getString(4)))
                .list();
        Map<String, List<RowKey>> erased = new LinkedHashMap<>();
        for (Candidate c : due) {
            String pseudonym = c.subject() == null ? null : signer.pseudonym(c.workspaceId(), c.subject());
            jdbc.sql("""
                    UPDATE audit.activity_log SET subject = ?, account_id = NULL, invitation_id = NULL, details = NULL,
                        summary = action || ' (personal data erased)'
                    WHERE event_id = ? AND occurred_at = ?""")
                    .params(pseudonym, c.eventId(), c.occurredAt())
                    .update();
            // every entry is in its chain: its new content is signed in the workspace's erasure marker
            erased.computeIfAbsent(c.workspaceId(), k -> new ArrayList<>())
                    .add(new RowKey(c.eventId(), c.occurredAt().toInstant()));
        }
        erased.forEach(markers::erased);
        return due.size();
    }
}
