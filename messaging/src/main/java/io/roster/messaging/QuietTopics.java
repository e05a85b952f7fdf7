package io.roster.messaging;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Consumer settings of the listeners of low-volume topics (workspace facts, access keys): a fetch answered as soon
 * as one record is there, and otherwise held half a second by the broker. The listener container factory's settings
 * (wait up to 25 ms for 256 KB) suit the event streams; on a topic that is nearly always empty they made each of
 * these consumers fetch 40 times a second for nothing — at audit-sink's 31,000 events/s, about 1 µs of CPU per
 * ingested event each, the broker's side included. A new record still arrives at once: the broker answers a waiting
 * fetch as soon as a record is appended ({@code fetch.max.wait.ms} bounds only a fetch that finds nothing).
 *
 * <p>On a {@code @KafkaListener}: {@code properties = {QuietTopics.FETCH_MIN_BYTES, QuietTopics.FETCH_MAX_WAIT}};
 * on a container made by hand: {@code setKafkaConsumerProperties(QuietTopics.properties())}.
 */
public final class QuietTopics {

    public static final String FETCH_MIN_BYTES = ConsumerConfig.FETCH_MIN_BYTES_CONFIG + "=1";
    public static final String FETCH_MAX_WAIT = ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG + "=500";

    private QuietTopics() {
    }

    /** The same settings, as a container's consumer properties. */
    public static Properties properties() {
        Properties quiet = new Properties();
        quiet.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        quiet.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        return quiet;
    }
}
