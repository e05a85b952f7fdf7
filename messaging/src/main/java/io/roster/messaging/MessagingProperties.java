package io.roster.messaging;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.messaging.*}: topic creation, outbox relay and consumer retry settings shared by the services.
 */
@ConfigurationProperties("roster.messaging")
public record MessagingProperties(@DefaultValue Topics topics, @DefaultValue Relay relay,
        @DefaultValue Retry retry) {

    /**
     * @param create declare the topics at start-up (off where ops manage them with infra/create-topics.sh)
     * @param replicationFactor 1 for a single broker; 3 in production
     * @param partitions per topic; dead-letter topics get the partitions of their source
     */
    public record Topics(@DefaultValue("true") boolean create, @DefaultValue("1") short replicationFactor,
            Map<String, Integer> partitions) {

        /** The partitions of infra/topics.yaml. */
        static final Map<String, Integer> DEFAULT_PARTITIONS = Map.of(
                "roster.account.requests", 12, "roster.account.events", 12, "roster.activity", 6,
                "roster.access-keys", 6, "roster.workspaces", 6);

        public Topics {
            Map<String, Integer> merged = new java.util.HashMap<>(DEFAULT_PARTITIONS);
            if (partitions != null) {
                merged.putAll(partitions);
            }
            partitions = Map.copyOf(merged);
        }
    }

    /**
     * @param batchSize rows sent per outbox transaction
     * @param pollInterval how often the outbox is polled when no commit woke the relay
     * @param sendTimeout how long the broker has to acknowledge a batch
     * @param linger how long the relay waits, once a commit woke it, for the commits of concurrent transactions, so
     *     that their events leave in one batch rather than one relay transaction and produce request each
     * @param vacuumAfter relayed (deleted) rows after which the relay vacuums its outbox itself; 0 leaves it to
     *     autovacuum alone
     */
    public record Relay(@DefaultValue("1000") int batchSize, @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("30s") Duration sendTimeout, @DefaultValue("10ms") Duration linger,
            @DefaultValue("50000") int vacuumAfter) {
    }

    /**
     * Retries of a record whose handling failed for a transient reason (database down...) before it goes to the
     * dead-letter topic. Undecodable and invalid records are never retried.
     */
    public record Retry(@DefaultValue("200ms") Duration initialInterval, @DefaultValue("5s") Duration maxInterval,
            @DefaultValue("8") int maxAttempts) {
    }
}
