package io.roster.messaging;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One outbox's parked rows: those the producer refused for good, moved out of the relay's way with the reason.
 * An operator re-sends them (back into the outbox, then at its end) or discards them; see README, Operations.
 */
class ParkedRows {

    /** An outbox row the producer refused for good, and why. */
    record Refused(long id, java.util.UUID eventId, String topic, String key, String reason) {
    }

    private final JdbcClient jdbc;
    private final Outbox outbox;

    ParkedRows(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    String table() {
        return outbox.parkedTable();
    }

    /**
     * Moves the refused rows from the outbox to its parked table, in the caller's transaction. An event id already
     * parked (the outbox does not keep event ids unique: the same event published twice) stays parked once.
     */
    void park(List<Refused> refused) {
        if (refused.isEmpty()) {
            return;
        }
        jdbc.sql("WITH moved AS (DELETE FROM " + outbox.table() + " WHERE id = ANY(?)"
                        + " RETURNING id, event_id, topic, record_key, type, value, created_at)"
                        + " INSERT INTO " + outbox.parkedTable()
                        + " (id, event_id, topic, record_key, type, value, created_at, parked_reason)"
                        + " SELECT m.id, m.event_id, m.topic, m.record_key, m.type, m.value, m.created_at, r.reason"
                        + " FROM moved m JOIN unnest(?::bigint[], ?::text[]) AS r(id, reason) ON r.id = m.id"
                        + " ON CONFLICT (event_id) DO NOTHING")
                .params(refused.stream().map(Refused::id).toArray(Long[]::new),
                        refused.stream().map(Refused::id).toArray(Long[]::new),
                        refused.stream().map(Refused::reason).toArray(String[]::new))
                .update();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM " + outbox.parkedTable()).query(Long.class).single();
    }
}
