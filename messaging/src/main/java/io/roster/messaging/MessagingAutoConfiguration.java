package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The Kafka and outbox glue every Roster service shares; declared once even when all services share a context. */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, JdbcClientAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EnvelopeCodec rosterEnvelopeCodec() {
        return new EnvelopeCodec();
    }

    /**
     * Sends outbox rows, already JSON: the UTF-8 bytes the relay reads from PostgreSQL, sent as they are (a String
     * decoded from them and encoded again by the producer cost the relay a copy and two passes over each value).
     * Idempotent, acks from all in-sync replicas.
     */
    @Bean
    KafkaTemplate<String, byte[]> rosterOutboxTemplate(KafkaProperties kafka) {
        var factory = new DefaultKafkaProducerFactory<>(relayProducerConfig(kafka, "roster-outbox"),
                new StringSerializer(), new ByteArraySerializer());
        // The metrics' spring.id tag (else "not.managed.by.Spring…": the factory is no bean of its own).
        factory.setBeanName("roster-outbox");
        var template = new ClosingKafkaTemplate<>(factory);
        // The relay logs each failure itself, once, with the event id (a parked row) or the batch (a retry); the
        // default listener added an ERROR with a stack trace for every failed row on top.
        template.setProducerListener(null);
        return template;
    }

    /**
     * The relay's producer settings for values already encoded as UTF-8 JSON ({@link EnvelopeCodec#write}): a
     * service sending messages straight from a store of its own (import-worker's commands) sends the codec's bytes
     * as they are, not turned into a String and encoded again. Its producer is made at the first send.
     */
    @Bean
    KafkaTemplate<String, byte[]> rosterEncodedTemplate(KafkaProperties kafka) {
        var factory = new DefaultKafkaProducerFactory<>(relayProducerConfig(kafka, "roster-encoded"),
                new StringSerializer(), new ByteArraySerializer());
        factory.setBeanName("roster-encoded");
        var template = new ClosingKafkaTemplate<>(factory);
        template.setProducerListener(null);
        return template;
    }

    /** Idempotent, acks from all in-sync replicas, large batches sent at a flush. */
    private static Map<String, Object> relayProducerConfig(KafkaProperties kafka, String clientId) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // The relay sends a batch of rows and then flushes: a long linger and large batches make the flush one
        // produce request per broker. With small ones, requests pile up to the in-flight limit and the producer's
        // I/O thread spins until acknowledgements return (measured: more CPU than the whole command handling).
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 100);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        // Snappy: lz4's stream allocates two 64 KB buffers (and its compressor a hash table) for every batch, and a
        // batch per partition per flush at a few hundred events a second is often a single event. Measured at 500
        // invitations/s: 262 KB allocated per invitation with lz4, 187 with zstd, 139 with snappy, 141 without any.
        // For a broker elsewhere, reached over a network: the embedded one (same process, loopback) is given none
        // (embedded-infra's springProperties), where compression only costs every producer and consumer CPU.
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
        return config;
    }

    /** Publishes failed records to their dead-letter topic: raw bytes when undecodable, else re-encoded. */
    @Bean
    KafkaTemplate<Object, Object> rosterDeadLetterTemplate(KafkaProperties kafka, EnvelopeCodec codec) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "roster-dead-letters");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Envelope.class, new EnvelopeSerializer(codec));
        byType.put(String.class, new StringSerializer());
        @SuppressWarnings({"unchecked", "rawtypes"})
        var factory = new DefaultKafkaProducerFactory<Object, Object>(config, (org.apache.kafka.common.serialization.Serializer) new StringSerializer(),
                new DelegatingByTypeSerializer(byType, true));
        factory.setBeanName("roster-dead-letters");
        return new ClosingKafkaTemplate<>(factory);
    }

    /**
     * A template that closes its own producer factory with the context. A factory passed to {@code KafkaTemplate}
     * is not destroyed with it, and these factories are no beans: their producers outlived every closed context,
     * one network thread each, retrying the stopped broker at a full core (seen after benchmark runs).
     */
    static final class ClosingKafkaTemplate<K, V> extends KafkaTemplate<K, V> {

        private final DefaultKafkaProducerFactory<K, V> factory;

        ClosingKafkaTemplate(DefaultKafkaProducerFactory<K, V> factory) {
            super(factory);
            this.factory = factory;
        }

        @Override
        public void destroy() {
            super.destroy();
            factory.destroy();
        }
    }

    @Bean
    MessagingSupport rosterMessagingSupport(JdbcClient jdbc,
            PlatformTransactionManager transactionManager, EnvelopeCodec codec, KafkaProperties kafka,
            @Qualifier("rosterOutboxTemplate") KafkaTemplate<String, byte[]> outboxTemplate,
            @Qualifier("rosterDeadLetterTemplate") KafkaTemplate<Object, Object> deadLetterTemplate,
            MessagingProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
        return new MessagingSupport(jdbc, new TransactionTemplate(transactionManager), codec, kafka,
                outboxTemplate, deadLetterTemplate, properties, meterRegistry);
    }

    /** Health component {@code outbox}: DEGRADED while parked rows wait for an operator. */
    @Bean
    @ConditionalOnEnabledHealthIndicator("outbox")
    HealthIndicator outboxHealthIndicator(MessagingSupport messaging) {
        return new ParkedRowsHealthIndicator(messaging::relayedOutboxes);
    }

    /** Every topic and its dead-letter topic, with the configured partitions; existing topics are left alone. */
    @Bean
    @ConditionalOnProperty(prefix = "roster.messaging.topics", name = "create", matchIfMissing = true)
    KafkaAdmin.NewTopics rosterTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            int partitions = properties.topics().partitions().getOrDefault(topic, 6);
            short replication = properties.topics().replicationFactor();
            NewTopic newTopic = new NewTopic(topic, partitions, replication);
            if (Topics.COMPACTED.contains(topic)) {
                newTopic.configs(java.util.Map.of("cleanup.policy", "compact"));
            }
            topics.add(newTopic);
            topics.add(new NewTopic(Topics.deadLetter(topic), partitions, replication));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
