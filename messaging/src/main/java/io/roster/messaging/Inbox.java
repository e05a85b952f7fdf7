package io.roster.messaging;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One service's record of messages already handled. Call {@link #firstDelivery} in the same transaction as the
 * handling: a redelivered message (after a rebalance or a crash before the offset commit) is then skipped.
 */
public class Inbox {

    private final JdbcClient jdbc;
    private final String table;

    public Inbox(JdbcClient jdbc, String schema) {
        this.jdbc = jdbc;
        this.table = SqlNames.qualified(schema, "inbox");
    }

    /** True the first time this consumer sees the event id; false for every redelivery. */
    public boolean firstDelivery(String consumer, UUID eventId) {
        return jdbc.sql("INSERT INTO " + table + " (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(consumer, eventId)
                .update() == 1;
    }
}
