package io.roster.messaging;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
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

    /**
     * {@link #firstDelivery} for a batch listener's poll, in one statement: the ids among {@code eventIds} this
     * consumer sees for the first time.
     */
    public Set<UUID> firstDeliveries(String consumer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.sql("INSERT INTO " + table + " (consumer, event_id)"
                        + " SELECT ?, e::uuid FROM unnest(?::text[]) AS u(e) ON CONFLICT DO NOTHING RETURNING event_id")
                .params(consumer, eventIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(UUID.class).list());
    }
}
