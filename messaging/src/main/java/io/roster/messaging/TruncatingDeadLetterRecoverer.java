package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Dead-letters a record whole when it fits the producer's {@code max.request.size}, else its value cut to fit,
 * with {@link #TRUNCATED_HEADER} and {@link #ORIGINAL_SIZE_HEADER} (header values over {@link #HEADER_MAX} are cut
 * as well, flagged by the first header alone). A compressed record may reach the consumer far
 * larger than the producer may send: whole, the dead-letter send failed, the error handler tried the record again,
 * and its partition stood still for good.
 */
class TruncatingDeadLetterRecoverer extends DeadLetterPublishingRecoverer {

    /** Present, "true", on a dead letter whose value was cut to fit the producer's limit. */
    static final String TRUNCATED_HEADER = "roster-dlt-truncated";
    /** The size in bytes of the value before it was cut. */
    static final String ORIGINAL_SIZE_HEADER = "roster-dlt-original-size";

    /**
     * Room for what the producer counts besides key, value and headers (the batch header is 61 bytes, a record's
     * lengths and offsets a few more; per header a few bytes of lengths) and for the two headers added here.
     */
    private static final int OVERHEAD = 1024;
    /** The longest header value a dead letter keeps whole (a stack trace is a few KB). */
    static final int HEADER_MAX = 16 * 1024;

    private final EnvelopeCodec codec;
    private final int maxRequestSize;

    TruncatingDeadLetterRecoverer(KafkaOperations<Object, Object> template, EnvelopeCodec codec,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
        super(template, destination);
        this.codec = codec;
        Object configured = template.getProducerFactory().getConfigurationProperties()
                .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        this.maxRequestSize = configured == null ? 1024 * 1024 : Integer.parseInt(configured.toString());
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
            TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
        Headers bounded = boundedHeaders(headers);
        byte[] bytes = value != null ? value : valueBytes(record.value());
        int room = maxRequestSize - OVERHEAD - size(key != null ? key : keyBytes(record.key())) - size(bounded);
        if (bounded == headers && (bytes == null || bytes.length <= room)) {
            return super.createProducerRecord(record, topicPartition, headers, key, value);
        }
        bounded.add(TRUNCATED_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        if (bytes == null || bytes.length <= room) {
            return super.createProducerRecord(record, topicPartition, bounded, key, value);
        }
        bounded.add(ORIGINAL_SIZE_HEADER, String.valueOf(bytes.length).getBytes(StandardCharsets.UTF_8));
        return super.createProducerRecord(record, topicPartition, bounded, key, Arrays.copyOf(bytes, Math.max(0, room)));
    }

    /**
     * The headers with every value over {@link #HEADER_MAX} cut to it: the exception message and stack trace that
     * spring-kafka adds may repeat a huge value, and so may a sender's own headers. The same headers when none is.
     */
    private static Headers boundedHeaders(Headers headers) {
        boolean oversized = false;
        for (Header header : headers) {
            oversized |= size(header.value()) > HEADER_MAX;
        }
        if (!oversized) {
            return headers;
        }
        RecordHeaders bounded = new RecordHeaders();
        for (Header header : headers) {
            byte[] v = header.value();
            bounded.add(header.key(), size(v) > HEADER_MAX ? Arrays.copyOf(v, HEADER_MAX) : v);
        }
        return bounded;
    }

    /** A value as the dead-letter producer would write it: raw bytes as they are, an envelope as Roster JSON. */
    private byte[] valueBytes(Object value) {
        if (value instanceof byte[] raw) {
            return raw;
        }
        if (value instanceof Envelope<?> envelope) {
            return codec.write(envelope);
        }
        return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyBytes(Object key) {
        return key == null ? null : key.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int size(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static int size(Headers headers) {
        int size = 0;
        for (Header header : headers) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length + size(header.value());
        }
        return size;
    }
}
