package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InvalidMessageException;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import org.apache.kafka.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the per-service messaging parts, so every service gets the same outbox, inbox, dead-letter handling
 * and migrations while owning its own schema, tables, beans and consumer groups.
 */
public class MessagingSupport {

    private static final Logger log = LoggerFactory.getLogger(MessagingSupport.class);

    /** The reason a record was dead-lettered, as one readable header (the root cause's message). */
    public static final String DEAD_LETTER_REASON_HEADER = "roster-dlt-reason";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EnvelopeCodec codec;
    private final KafkaProperties kafkaProperties;
    private final KafkaTemplate<String, byte[]> outboxTemplate;
    private final KafkaTemplate<Object, Object> deadLetterTemplate;
    private final MessagingProperties properties;
    private final ObjectProvider<MeterRegistry> meterRegistry;
    /** The parked rows of every outbox relayed through this support, for health. */
    private final List<ParkedRows> relayedOutboxes = new CopyOnWriteArrayList<>();

    public MessagingSupport(JdbcClient jdbc, TransactionTemplate transactions,
            EnvelopeCodec codec, KafkaProperties kafkaProperties, KafkaTemplate<String, byte[]> outboxTemplate,
            KafkaTemplate<Object, Object> deadLetterTemplate, MessagingProperties properties,
            ObjectProvider<MeterRegistry> meterRegistry) {
        this.meterRegistry = meterRegistry;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.codec = codec;
        this.kafkaProperties = kafkaProperties;
        this.outboxTemplate = outboxTemplate;
        this.deadLetterTemplate = deadLetterTemplate;
        this.properties = properties;
    }

    /**
     * Flyway for one service: its own schema and history table, its migrations (and those of the libraries whose
     * tables it keeps) plus the outbox/inbox tables.
     * Static, so the migration depends on the DataSource alone (JDBC users wait for the migrations).
     * <p>
     * The shared tables' migrations are numbered V0_x, below every service's own: a new one (V0_2, the parked
     * outbox rows) must still reach a schema already at the service's V14, hence out-of-order migrations.
     */
    public static Flyway flyway(DataSource dataSource, String schema, String... locations) {
        String[] withMessaging = java.util.Arrays.copyOf(locations, locations.length + 1);
        withMessaging[locations.length] = "classpath:db/messaging";
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .locations(withMessaging)
                .outOfOrder(true)
                .load();
    }

    public Outbox outbox(String schema) {
        return new Outbox(jdbc, codec, schema);
    }

    /**
     * The relay of {@code outbox}. Its parked rows are counted in the gauge {@code roster.outbox.parked} (tag
     * {@code outbox}: the table) and reported by the {@code outbox} health component.
     */
    public OutboxRelay relay(Outbox outbox) {
        ParkedRows parked = new ParkedRows(jdbc, outbox);
        relayedOutboxes.add(parked);
        meterRegistry.ifAvailable(registry -> Gauge.builder("roster.outbox.parked", parked, MessagingSupport::countOrNaN)
                .description("Outbox rows the producer refused for good, parked until an operator re-sends or"
                        + " discards them")
                .tag("outbox", outbox.table())
                .strongReference(true)
                .register(registry));
        return new OutboxRelay(outbox, jdbc, transactions, outboxTemplate, properties.relay());
    }

    List<ParkedRows> relayedOutboxes() {
        return relayedOutboxes;
    }

    /** A scrape while the database is away reports no value rather than failing. */
    private static double countOrNaN(ParkedRows parked) {
        try {
            return parked.count();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    public Inbox inbox(String schema) {
        return new Inbox(jdbc, schema);
    }

    /**
     * The listener container factory of one service: envelopes decoded by the Roster codec, transient failures
     * retried with back-off, then — like undecodable or invalid records at once — published to
     * {@code <topic>.DLT} with the reason in the headers, so one bad record never blocks its partition.
     */
    public ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> listenerContainerFactory(
            String clientIdPrefix, int concurrency) {
        return listenerContainerFactory(clientIdPrefix, concurrency, false);
    }

    /**
     * @param batch listeners take a poll's records at once and throw BatchListenerFailedException naming the
     *     record that failed; the error handler then treats that record as a record listener's
     */
    public ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> listenerContainerFactory(
            String clientIdPrefix, int concurrency, boolean batch) {
        return listenerContainerFactory(clientIdPrefix, concurrency, batch, new EnvelopeDeserializer(codec));
    }

    /**
     * A batch listener's factory whose records' values are read by {@code values} — a service's own reading of
     * the few fields it uses, say — instead of the codec alone. The values go through the same
     * {@link ErrorHandlingDeserializer} as every listener's: a record {@code values} throws on goes to the
     * dead-letter topic with its reason.
     */
    public ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> batchListenerContainerFactory(
            String clientIdPrefix, int concurrency, Deserializer<Envelope<Payload>> values) {
        return listenerContainerFactory(clientIdPrefix, concurrency, true, values);
    }

    private ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> listenerContainerFactory(
            String clientIdPrefix, int concurrency, boolean batch, Deserializer<Envelope<Payload>> values) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A fetch waits up to 25 ms for 256 KB (spring.kafka.consumer.fetch-max-wait / fetch-min-size change it).
        // Answered at once, polls at 5,000 requests/s brought batches of about 56: each cost its own transaction,
        // offset commit and fetch, and the two cores were saturated at half the service's capacity. Waiting a little
        // made batches 2.5 times larger and took a fifth off the CPU (benchmarks.md); a backlog fills them at once.
        config.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 25);
        var consumerFactory = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(values));
        // The consumer metrics' spring.id tag: "<this>.<client id>" (else "not.managed.by.Spring…", as the factory
        // is no bean of its own).
        consumerFactory.setBeanName(clientIdPrefix);

        // Explicit destination: <topic>.DLT, same partition (spring-kafka 4 would default to "<topic>-dlt").
        DeadLetterPublishingRecoverer recoverer = new TruncatingDeadLetterRecoverer(deadLetterTemplate, codec,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.setHeadersFunction((record, exception) -> new RecordHeaders(new RecordHeader[] {
                new RecordHeader(DEAD_LETTER_REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8))}));
        MessagingProperties.Retry retry = properties.retry();
        var backOff = new ExponentialBackOffWithMaxRetries(Math.max(0, retry.maxAttempts() - 1));
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler errorHandler = new DefaultErrorHandler((record, exception) -> {
            log.warn("{}: record {}-{}@{} (key {}) goes to {}: {}", clientIdPrefix, record.topic(),
                    record.partition(), record.offset(), record.key(), Topics.deadLetter(record.topic()),
                    reason(exception));
            recoverer.accept(record, exception);
        }, backOff);
        errorHandler.addNotRetryableExceptions(InvalidMessageException.class, IllegalArgumentException.class);
        // The database or broker being away is no reason to give a record up: retry until it is back.
        errorHandler.setBackOffFunction((record, exception) -> isOutage(exception) ? outageBackOff(retry) : null);

        var factory = new ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(errorHandler);
        factory.setConcurrency(concurrency);
        factory.setBatchListener(batch);
        return factory;
    }

    /** Connection-level failures of the database: the record is fine, the infrastructure is not. */
    static boolean isOutage(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Unlimited retries, growing to the configured maximum interval. */
    static org.springframework.util.backoff.BackOff outageBackOff(MessagingProperties.Retry retry) {
        var backOff = new org.springframework.util.backoff.ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }

    /** The longest reason a dead letter's header and log line carry: a cause's message may quote a huge value. */
    static final int REASON_MAX = 2000;

    /** Our own decoding verdict when there is one (it names the field), else the root cause; at most REASON_MAX. */
    static String reason(Throwable exception) {
        String reason = fullReason(exception);
        return reason.length() <= REASON_MAX ? reason
                : reason.substring(0, REASON_MAX) + "… (" + reason.length() + " characters in all)";
    }

    private static String fullReason(Throwable exception) {
        Throwable cause = exception;
        while (true) {
            if (cause instanceof InvalidMessageException) {
                return String.valueOf(cause.getMessage());
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
            cause = cause.getCause();
        }
    }
}
