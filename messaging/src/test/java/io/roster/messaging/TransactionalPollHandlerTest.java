package io.roster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InvalidMessageException;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountDeleted;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a poll leaves committed, and which record the error handler is told about, against a transaction manager that
 * keeps a transaction's writes only when it commits.
 */
class TransactionalPollHandlerTest {

    private final Store store = new Store();
    private final List<String> refused = new ArrayList<>();
    private int transactionsRun;
    private final TransactionalPollHandler poll = new TransactionalPollHandler(new TransactionTemplate(store),
            envelopes -> {
                transactionsRun++;
                for (Envelope<Payload> envelope : envelopes) {
                    String accountId = ((AccountDeleted) envelope.payload()).accountId();
                    if (refused.contains(accountId)) {
                        throw new IllegalStateException("refused " + accountId);
                    }
                    store.pending.add(accountId);
                }
            });

    @Test
    void aPollThatSucceedsIsCommittedInOneTransaction() {
        poll.handle(List.of(event(0, "a"), event(1, "b"), event(2, "c")));

        assertThat(store.committed).containsExactly("a", "b", "c");
        assertThat(transactionsRun).isEqualTo(1);
    }

    @Test
    void aFailingRecordInTheMiddleIsNamedOnceTheOnesBeforeItAreCommitted() {
        refused.add("c");
        List<ConsumerRecord<String, Envelope<Payload>>> records =
                List.of(event(0, "a"), event(1, "b"), event(2, "c"), event(3, "d"));

        assertThatThrownBy(() -> poll.handle(records))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getRecord()).isSameAs(records.get(2));
                    assertThat(e.getCause()).hasMessage("refused c");
                });
        // the whole poll rolled back, then a and b each in their own transaction; d is left to the redelivery
        assertThat(store.committed).containsExactly("a", "b");
        assertThat(transactionsRun).isEqualTo(1 + 3);
    }

    @Test
    void anUndecodableRecordIsNamedWithItsDecodingErrorOnceTheOnesBeforeItAreCommitted() {
        List<ConsumerRecord<String, Envelope<Payload>>> records =
                List.of(event(0, "a"), event(1, "b"), undecodable(2), event(3, "d"));

        assertThatThrownBy(() -> poll.handle(records))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getRecord()).isSameAs(records.get(2));
                    assertThat(e.getCause()).isInstanceOf(DeserializationException.class)
                            .hasRootCauseInstanceOf(InvalidMessageException.class);
                });
        assertThat(store.committed).containsExactly("a", "b");
        assertThat(transactionsRun).isEqualTo(1);
    }

    @Test
    void anUndecodableFirstRecordStartsNoTransaction() {
        List<ConsumerRecord<String, Envelope<Payload>>> records = List.of(undecodable(0), event(1, "b"));

        assertThatThrownBy(() -> poll.handle(records))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        e -> assertThat(e.getRecord()).isSameAs(records.get(0)));
        assertThat(store.committed).isEmpty();
        assertThat(transactionsRun).isZero();
    }

    @Test
    void aFailureBeforeAnUndecodableRecordIsTheOneNamed() {
        refused.add("a");
        List<ConsumerRecord<String, Envelope<Payload>>> records = List.of(event(0, "a"), undecodable(1));

        assertThatThrownBy(() -> poll.handle(records))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        e -> assertThat(e.getRecord()).isSameAs(records.get(0)));
        assertThat(store.committed).isEmpty();
    }

    @Test
    void aNullValueWithoutADecodingErrorIsNamedAsEmpty() {
        ConsumerRecord<String, Envelope<Payload>> tombstone = new ConsumerRecord<>(Topics.ACCOUNT_EVENTS, 0, 1, "x",
                null);
        List<ConsumerRecord<String, Envelope<Payload>>> records = List.of(event(0, "a"), tombstone);

        assertThatThrownBy(() -> poll.handle(records))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getRecord()).isSameAs(tombstone);
                    assertThat(e.getCause()).isInstanceOf(InvalidMessageException.class)
                            .hasMessage("empty record value");
                });
        assertThat(store.committed).containsExactly("a");
    }

    private static ConsumerRecord<String, Envelope<Payload>> event(long offset, String accountId) {
        Envelope<Payload> envelope = Envelope.of("acme", "r-" + accountId, Actor.system("test"),
                new AccountDeleted(accountId, "deleted-" + accountId));
        return new ConsumerRecord<>(Topics.ACCOUNT_EVENTS, 0, offset, accountId, envelope);
    }

    /** A record as the container hands it over when its value did not decode: null, the error in a header. */
    private static ConsumerRecord<String, Envelope<Payload>> undecodable(long offset) {
        RecordHeaders headers = new RecordHeaders();
        try (var deserializer = new ErrorHandlingDeserializer<>(new EnvelopeDeserializer(new EnvelopeCodec()))) {
            Envelope<Payload> value = deserializer.deserialize(Topics.ACCOUNT_EVENTS, headers,
                    "{\"type\": \"account.deleted.v1\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(value).isNull();
        }
        return new ConsumerRecord<>(Topics.ACCOUNT_EVENTS, 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0, "x",
                null, headers, java.util.Optional.empty());
    }

    /** Keeps what a transaction wrote when it commits, drops it when it rolls back. */
    private static final class Store implements PlatformTransactionManager {

        final List<String> pending = new ArrayList<>();
        final List<String> committed = new ArrayList<>();

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            pending.clear();
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            committed.addAll(pending);
            pending.clear();
        }

        @Override
        public void rollback(TransactionStatus status) {
            pending.clear();
        }
    }
}
