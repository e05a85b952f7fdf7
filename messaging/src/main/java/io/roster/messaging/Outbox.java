package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
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
    private volatile Runnable onCommit = () -> { };

    public Outbox(JdbcClient jdbc, EnvelopeCodec codec, String schema) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.table = SqlNames.qualified(schema, "outbox");
    }

    String table() {
        return table;
    }

    void onCommit(Runnable action) {
        this.onCommit = action;
    }

    public void publish(Envelope<?> envelope) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Outbox.publish must run inside a transaction");
        }
        String topic = MessageType.byName(envelope.type()).orElseThrow().topic();
        jdbc.sql("INSERT INTO " + table + " (event_id, topic, record_key, type, value) VALUES (?, ?, ?, ?, ?)")
                .params(envelope.eventId(), topic, envelope.key(), envelope.type(), codec.writeString(envelope))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                onCommit.run();
            }
        });
    }
}
