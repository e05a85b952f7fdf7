package io.roster.adminaccess;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.messaging.MessagingSupport;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the per-service parts of the admin-key check, as {@link MessagingSupport} does for messaging: each service
 * keeps its own replica, in its own schema, read by its own consumer group.
 */
public class AdminAccess {

    /**
     * The Flyway location of the replica's table, to add to the service's own migrations (a repeatable migration
     * of idempotent statements: it runs after the service's versioned ones, whatever their numbers).
     */
    public static final String MIGRATIONS = "classpath:db/admin-access";

    private final MessagingSupport messaging;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public AdminAccess(MessagingSupport messaging, JdbcClient jdbc, TransactionTemplate transactions) {
        this.messaging = messaging;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * The replica of a service: declare it as a bean (its listener starts and stops with the context) and add
     * {@link #MIGRATIONS} to the service's Flyway.
     *
     * @param schema the service's schema, holding the {@code access_key} table and the messaging inbox
     * @param consumerGroup the service's consumer group
     */
    public AccessKeyReplica replica(String schema, String consumerGroup) {
        AccessKeyTable keys = new AccessKeyTable(jdbc, schema);
        // One thread: key changes are rare, and the compacted topic is read in seconds even from its beginning.
        ConcurrentMessageListenerContainer<String, Envelope<Payload>> feed = messaging
                .listenerContainerFactory(consumerGroup + "-access-keys", 1)
                .createContainer(Topics.ACCESS_KEYS);
        feed.getContainerProperties().setGroupId(consumerGroup);
        feed.getContainerProperties().setKafkaConsumerProperties(quietTopic());
        feed.getContainerProperties().setMessageListener(new AccessKeyFeed(keys, messaging.inbox(schema), transactions));
        feed.setBeanName(schema + ".access-keys");
        return new AccessKeyReplica(keys, feed);
    }

    /**
     * A fetch answered as soon as one record is there, and otherwise held half a second by the broker. The factory's
     * settings (wait up to 25 ms for 256 KB) suit the event streams; on this topic, empty nearly always, they made
     * every service's replica fetch 40 times a second for nothing. A new key still arrives at once: the broker
     * answers a waiting fetch as soon as a record is appended.
     */
    static Properties quietTopic() {
        Properties quiet = new Properties();
        quiet.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        quiet.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        return quiet;
    }
}
