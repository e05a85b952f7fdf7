package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.InvalidMessageException;
import io.roster.contracts.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A batch listener's poll handled in one transaction, with the error handler told exactly which record failed.
 *
 * <p>The records up to the first undecodable one (value null, the cause in the
 * {@link SerializationUtils#VALUE_DESERIALIZER_EXCEPTION_HEADER} header) go to the handler as their envelopes, in
 * order, in one transaction: a poll of a thousand events costs one commit instead of a thousand. If that transaction
 * fails, they are handled again one per transaction, to find the record at fault: the ones before it stay committed,
 * a {@link BatchListenerFailedException} names it (the error handler retries it, then dead-letters it) and the ones
 * after it are redelivered. Then the undecodable record, if any, is handed over the same way, with the
 * deserialization failure as the cause, so that the dead letter's reason says what was wrong with it.
 *
 * <p>The container commits the offsets after the listener returns, after the transaction: the handler must make a
 * redelivery harmless (an {@link Inbox} in the same transaction).
 */
public final class TransactionalPollHandler {

    private static final LogAccessor LOG = new LogAccessor(TransactionalPollHandler.class);

    private final TransactionTemplate transactions;
    private final Consumer<List<Envelope<Payload>>> handler;

    /**
     * @param transactions the service's transactions
     * @param handler handles decoded envelopes in their order, inside the transaction; throws to roll it back
     */
    public TransactionalPollHandler(TransactionTemplate transactions, Consumer<List<Envelope<Payload>>> handler) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Handles one poll.
     *
     * @throws BatchListenerFailedException naming the first record that could not be decoded or handled, once the
     *     ones before it are committed
     */
    public void handle(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        int decoded = decodedPrefix(records);
        List<ConsumerRecord<String, Envelope<Payload>>> prefix = records.subList(0, decoded);
        if (!prefix.isEmpty()) {
            try {
                transactions.executeWithoutResult(status -> handler.accept(envelopes(prefix)));
            } catch (RuntimeException pollFailed) {
                handleOneByOne(prefix);
            }
        }
        if (decoded < records.size()) {
            throw undecodable(records.get(decoded));
        }
    }

    /**
     * The failure to hand to the error handler for a record whose value could not be decoded, with the
     * deserializer's exception as the cause (so the dead letter's reason is the decoding error); a value null
     * without one (nothing was there to decode) is said so.
     */
    public static BatchListenerFailedException undecodable(ConsumerRecord<?, ?> record) {
        DeserializationException decoding = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        Exception cause = decoding != null ? decoding : new InvalidMessageException("empty record value");
        return new BatchListenerFailedException("undecodable record", cause, record);
    }

    /** How many records from the start have a value (the error-handling deserializer leaves it null on failure). */
    static int decodedPrefix(List<? extends ConsumerRecord<?, ?>> records) {
        int decoded = 0;
        while (decoded < records.size() && records.get(decoded).value() != null) {
            decoded++;
        }
        return decoded;
    }

    private void handleOneByOne(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        for (ConsumerRecord<String, Envelope<Payload>> record : records) {
            try {
                transactions.executeWithoutResult(status -> handler.accept(List.of(record.value())));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("not handled: " + e.getMessage(), e, record);
            }
        }
    }

    private static List<Envelope<Payload>> envelopes(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        List<Envelope<Payload>> envelopes = new ArrayList<>(records.size());
        records.forEach(record -> envelopes.add(record.value()));
        return envelopes;
    }
}
