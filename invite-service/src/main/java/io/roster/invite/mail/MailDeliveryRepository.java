package io.roster.invite.mail;

import io.roster.messaging.BinaryCopyRows;
import io.roster.messaging.Outbox;
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
    boolean enqueue(UUID eventId, String workspaceId, MailKind kind, String recipient, String subject, String body) {
        return jdbc.sql("INSERT INTO invite.mail_delivery (event_id, workspace_id, kind, recipient, subject, body)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")
                .params(eventId, workspaceId, kind.name(), recipient, subject, body)
                .update() == 1;
    }

    /**
     * Mails of new events as one binary COPY, for the caller to run in their events' transaction. Without
     * {@link #insertAllOf}'s {@code ON CONFLICT}: only for mails keyed by events made just now (a random event id
     * each), which no mail queued before can have.
     */
    Outbox.Copy copyAllOf(List<Mailer.Queued> mails) {
        BinaryCopyRows rows = new BinaryCopyRows(mails.size() * 1024);
        for (Mailer.Queued mail : mails) {
            rows.row(6)
                    .uuid(mail.eventId())
                    .text(mail.workspaceId())
                    .text(mail.kind().name())
                    .text(mail.recipient())
                    .text(mail.subject())
                    .text(mail.body());
        }
        return new Outbox.Copy("COPY invite.mail_delivery (event_id, workspace_id, kind, recipient, subject, body)"
                + " FROM STDIN (FORMAT binary)", rows);
    }

    Outbox.Insert insertAllOf(List<Mailer.Queued> mails) {
        return new Outbox.Insert("INSERT INTO invite.mail_delivery (event_id, workspace_id, kind, recipient, subject,"
                + " body) SELECT e::uuid, w, k, r, s, b FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[]) AS m(e, w, k, r, s, b) ON CONFLICT (event_id) DO NOTHING",
                List.<Object>of(mails.stream().map(m -> m.eventId().toString()).toArray(String[]::new),
                        mails.stream().map(Mailer.Queued::workspaceId).toArray(String[]::new),
                        mails.stream().map(m -> m.kind().name()).toArray(String[]::new),
                        mails.stream().map(Mailer.Queued::recipient).toArray(String[]::new),
                        mails.stream().map(Mailer.Queued::subject).toArray(String[]::new),
                        mails.stream().map(Mailer.Queued::body).toArray(String[]::new)));
    }

    /**
     * Takes up to {@code limit} due mails for {@code lease}: they are not due again until then, so no other sender
     * takes them while this one talks to the SMTP server, with no transaction open. A sender that dies meanwhile
     * leaves them to be sent again once the lease ends.
     */
    List<Delivery> lease(int limit, java.time.Duration lease) {
        return jdbc.sql("UPDATE invite.mail_delivery SET next_attempt_at = now() + make_interval(secs => ?)"
                        + " WHERE event_id IN (SELECT event_id FROM invite.mail_delivery WHERE sent_at IS NULL"
                        + " AND given_up_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                        + " RETURNING event_id, recipient, subject, body, attempts")
                .params(lease.toSeconds(), limit)
                .query((rs, n) -> new Delivery(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5)))
                .list();
    }

    void markSent(List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        // A sent invitation's body held a live activation link: only the token's hash may stay at rest.
        jdbc.sql("UPDATE invite.mail_delivery SET sent_at = now(), attempts = attempts + 1, last_error = NULL,"
                + " body = CASE WHEN kind = ? THEN '[redacted after sending]' ELSE body END"
                + " WHERE event_id = ANY(?)").params(MailKind.INVITATION.name(), eventIds.toArray(UUID[]::new))
                .update();
    }

    /** Deletes up to {@code limit} mails sent or given up longer than {@code age} ago; returns how many. */
    int deleteSentBefore(java.time.Duration age, int limit) {
        return jdbc.sql("DELETE FROM invite.mail_delivery WHERE event_id IN (SELECT event_id FROM invite.mail_delivery"
                        + " WHERE sent_at < now() - make_interval(secs => ?)"
                        + " UNION ALL SELECT event_id FROM invite.mail_delivery"
                        + " WHERE given_up_at < now() - make_interval(secs => ?) LIMIT ?)")
                .params(age.toSeconds(), age.toSeconds(), limit)
                .update();
    }

    /**
     * Keeps a failed mail for another attempt in {@code retryInSeconds}, unless it was queued longer than
     * {@code giveUpAfter} ago: then it is given up (see {@link #giveUp}). True when it was given up.
     */
    boolean retryLaterOrGiveUp(UUID eventId, String error, long retryInSeconds, java.time.Duration giveUpAfter) {
        return jdbc.sql("UPDATE invite.mail_delivery SET attempts = attempts + 1, last_error = ?,"
                        + " next_attempt_at = now() + make_interval(secs => ?),"
                        + " given_up_at = CASE WHEN created_at < g.queued_before THEN now() END,"
                        + " body = CASE WHEN kind = ? AND created_at < g.queued_before"
                        + " THEN '[redacted: given up]' ELSE body END"
                        + " FROM (SELECT now() - make_interval(secs => ?) AS queued_before) AS g"
                        + " WHERE event_id = ? RETURNING given_up_at IS NOT NULL")
                .params(error, retryInSeconds, MailKind.INVITATION.name(), giveUpAfter.toSeconds(), eventId)
                .query(Boolean.class).optional().orElse(false);
    }

    /**
     * Gives a mail up for good: never leased again, kept with its error until the retention purges it. An invitation's
     * body held a live activation link: only the token's hash may stay at rest.
     */
    void giveUp(UUID eventId, String error) {
        jdbc.sql("UPDATE invite.mail_delivery SET attempts = attempts + 1, last_error = ?, given_up_at = now(),"
                        + " body = CASE WHEN kind = ? THEN '[redacted: given up]' ELSE body END WHERE event_id = ?")
                .params(error, MailKind.INVITATION.name(), eventId).update();
    }
}
