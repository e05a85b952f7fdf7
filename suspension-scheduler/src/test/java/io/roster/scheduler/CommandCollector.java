package io.roster.scheduler;

import io.roster.contracts.Topics;
import io.roster.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of {@code roster.account.requests} since the topic began, collected by one consumer for the whole test
 * JVM (partitions assigned, no group to join): tests look commands up without a consumer of their own each time.
 */
public final class CommandCollector {

    static final CommandCollector INSTANCE = new CommandCollector();

    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private volatile boolean started;

    private CommandCollector() {
    }

    List<ConsumerRecord<String, String>> records() {
        start();
        return records;
    }

    /** The records of the workspace so far. */
    public static List<ConsumerRecord<String, String>> records(String workspaceId) {
        return INSTANCE.records().stream().filter(r -> r.key().startsWith(workspaceId + "/")).toList();
    }

    private synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread thread = new Thread(this::collect, "command-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void collect() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNT_REQUESTS, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
    }
}
