package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One service's transactional outbox. {@link #publish} must run inside the transaction that changes the state
 * the message describes: both commit or neither does. The {@link OutboxRelay} sends the rows to Kafka.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final EnvelopeCodec codec;
    private final String table;
    private final String parkedTable;
    private volatile Runnable onCommit = () -> { };

    public Outbox(JdbcClient jdbc, EnvelopeCodec codec, String schema) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.table = SqlNames.qualified(schema, "outbox");
        this.parkedTable = SqlNames.qualified(schema, "outbox_parked");
    }

    String table() {
        return table;
    }

    /** Where the relay moves the rows the producer refused for good. */
    String parkedTable() {
        return parkedTable;
    }

    void onCommit(Runnable action) {
        this.onCommit = action;
    }

    public void publish(Envelope<?> envelope) {
        requireTransaction("publish");
        Insert insert = insertOf(envelope);
        jdbc.sql(insert.sql()).params(insert.params()).update();
    }

    /** An INSERT and its parameters, for a caller to run inside a statement of its own. */
    public record Insert(String sql, List<Object> params) {
    }

    /**
     * The outbox row of {@code envelope} as an INSERT that the caller runs inside a statement of its own, as a
     * data-modifying {@code WITH} clause: a write and the event announcing it then cost one round trip instead of
     * two. As for {@link #publish}, the statement must run in the transaction that makes the change.
     */
    public Insert insertOf(Envelope<?> envelope) {
        requireTransaction("insertOf");
        String topic = MessageType.byName(envelope.type()).orElseThrow().topic();
        wakeRelayAfterCommit();
        return new Insert("INSERT INTO " + table + " (event_id, topic, record_key, type, value) VALUES (?, ?, ?, ?, ?)",
                java.util.Arrays.asList(envelope.eventId(), topic, envelope.key(), envelope.type(),
                        codec.writeString(envelope)));
    }

    /**
     * Many messages in one statement, in list order (the relay sends them in that order): what a batch of commands
     * publishes costs one round trip instead of one per message.
     */
    public void publishAll(List<? extends Envelope<?>> envelopes) {
        requireTransaction("publishAll");
        if (envelopes.isEmpty()) {
            return;
        }
        Insert insert = insertAllOf(envelopes);
        jdbc.sql(insert.sql()).params(insert.params()).update();
    }

    /**
     * The outbox rows of {@code envelopes}, in list order, as one INSERT for a data-modifying {@code WITH} clause
     * of the caller's statement (see {@link #insertOf}). The values travel as the codec's UTF-8 bytes
     * ({@code bytea[]}, turned into text by PostgreSQL): a batch's JSON is encoded once, where a {@code text[]}
     * parameter made a String of every value and the driver encoded it to UTF-8 again.
     */
    public Insert insertAllOf(List<? extends Envelope<?>> envelopes) {
        requireTransaction("insertAllOf");
        if (envelopes.isEmpty()) {
            throw new IllegalArgumentException("no envelopes");
        }
        int n = envelopes.size();
        String[] eventIds = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            Envelope<?> envelope = envelopes.get(i);
            eventIds[i] = envelope.eventId().toString();
            topics[i] = MessageType.byName(envelope.type()).orElseThrow().topic();
            keys[i] = envelope.key();
            types[i] = envelope.type();
            values[i] = codec.write(envelope);
        }
        wakeRelayAfterCommit();
        return new Insert("INSERT INTO " + table + " (event_id, topic, record_key, type, value)"
                + " SELECT e::uuid, t, k, y, convert_from(v, 'UTF8') FROM unnest(?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::bytea[]) WITH ORDINALITY AS m(e, t, k, y, v, n) ORDER BY n",
                List.<Object>of(eventIds, topics, keys, types, values));
    }

    /** Rows in binary COPY format and the COPY that writes them, for the caller to run in its transaction. */
    public record Copy(String sql, BinaryCopyRows rows) {

        /** Writes the rows on the connection of the caller's transaction; returns how many. */
        public long run(JdbcOperations jdbc) {
            return rows.copyInto(jdbc, sql);
        }
    }

    /**
     * The outbox rows of {@code envelopes}, in list order (the ids follow it, and the relay sends them in that order),
     * as one binary COPY that the caller runs in the transaction that makes the change ({@link Copy#run}): the values
     * go as the codec's UTF-8 bytes, which PostgreSQL stores as they come — no array of them to escape, parse, unnest
     * and sort back into order, as {@link #insertAllOf}'s statement does.
     */
    public Copy copyAllOf(List<? extends Envelope<?>> envelopes) {
        requireTransaction("copyAllOf");
        if (envelopes.isEmpty()) {
            throw new IllegalArgumentException("no envelopes");
        }
        BinaryCopyRows rows = null;
        for (Envelope<?> envelope : envelopes) {
            byte[] value = codec.write(envelope);
            if (rows == null) {
                // the first value's size, for every row: one buffer for the whole batch, seldom grown
                rows = new BinaryCopyRows(envelopes.size() * (value.length + 160));
            }
            rows.row(5)
                    .uuid(envelope.eventId())
                    .text(MessageType.byName(envelope.type()).orElseThrow().topic())
                    .text(envelope.key())
                    .text(envelope.type())
                    .utf8(value);
        }
        wakeRelayAfterCommit();
        return new Copy("COPY " + table + " (event_id, topic, record_key, type, value) FROM STDIN (FORMAT binary)",
                rows);
    }

    private static void requireTransaction(String method) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Outbox." + method + " must run inside a transaction");
        }
    }

    private void wakeRelayAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                onCommit.run();
            }
        });
    }
}
