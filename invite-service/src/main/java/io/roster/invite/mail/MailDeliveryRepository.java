package io.roster.invite.mail;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Mails to send, one row per triggering event id: the key that keeps a mail from being sent twice. */
@Repository
class MailDeliveryRepository {

    record Delivery(UUID eventId, String recipient, String subject, String body, int attempts) {
    }

    private final JdbcClient jdbc;

    MailDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when a mail for this event is already queued (a redelivered event). */
    boolean enqueue(UUID eventId, String workspaceId, String kind, String recipient, String subject, String body) {
        return jdbc.sql("INSERT INTO invite.mail_delivery (event_id, workspace_id, kind, recipient, subject, body)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")
                .params(eventId, workspaceId, kind, recipient, subject, body)
                .update() == 1;
    }

    /** Due mails, locked for this transaction so two senders never take the same one. */
    List<Delivery> claimDue(int limit) {
        return jdbc.sql("SELECT event_id, recipient, subject, body, attempts FROM invite.mail_delivery"
                        + " WHERE sent_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED")
                .param(limit)
                .query((rs, n) -> new Delivery(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5)))
                .list();
    }

    void markSent(UUID eventId) {
        // A sent invitation's body held a live activation link: only the token's hash may stay at rest.
        jdbc.sql("UPDATE invite.mail_delivery SET sent_at = now(), attempts = attempts + 1, last_error = NULL,"
                + " body = CASE WHEN kind = 'INVITATION' THEN '[redacted after sending]' ELSE body END"
                + " WHERE event_id = ?").param(eventId).update();
    }

    void markFailed(UUID eventId, String error, long retryInSeconds) {
        jdbc.sql("UPDATE invite.mail_delivery SET attempts = attempts + 1, last_error = ?,"
                        + " next_attempt_at = now() + make_interval(secs => ?) WHERE event_id = ?")
                .params(error, retryInSeconds, eventId).update();
    }
}
