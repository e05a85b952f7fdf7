package io.roster.adminaccess;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.messaging.MessagingSupport;
import io.roster.messaging.QuietTopics;
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
        // the topic is empty nearly always: fetched twice a second when idle, a new key still at once
        feed.getContainerProperties().setKafkaConsumerProperties(QuietTopics.properties());
        feed.getContainerProperties().setMessageListener(new AccessKeyFeed(keys, messaging.inbox(schema), transactions));
        feed.setBeanName(schema + ".access-keys");
        return new AccessKeyReplica(keys, feed);
    }
}
