package io.roster.adminaccess;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A service's own copy of the admin access keys, in the {@code access_key} table of its schema, fed by
 * invite-service's announcements on {@code roster.access-keys} (a compacted topic: a new replica reads every key
 * from its beginning). Only the SHA-256 of each secret is known here. A key issued or revoked works or stops working
 * once the announcement is consumed. Made by {@link AdminAccess#replica}; its listener runs with the context.
 */
public final class AccessKeyReplica implements AdminKeyLookup, SmartLifecycle {

    private final AccessKeyTable keys;
    private final MessageListenerContainer feed;

    AccessKeyReplica(AccessKeyTable keys, MessageListenerContainer feed) {
        this.keys = keys;
        this.feed = feed;
    }

    @Override
    public Optional<ActiveKey> activeKey(String keyId) {
        return keys.activeKey(keyId);
    }

    /** The feed's consumer metrics (the fetches of an idle replica, in a test). */
    Map<String, Map<MetricName, ? extends Metric>> consumerMetrics() {
        return feed.metrics();
    }

    @Override
    public void start() {
        feed.start();
    }

    @Override
    public void stop() {
        feed.stop();
    }

    @Override
    public void stop(Runnable callback) {
        feed.stop(callback);
    }

    @Override
    public boolean isRunning() {
        return feed.isRunning();
    }

    /** The phase of the service's other listener containers: stopped before the database and broker clients. */
    @Override
    public int getPhase() {
        return feed.getPhase();
    }
}
