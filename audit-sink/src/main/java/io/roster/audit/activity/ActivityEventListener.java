package io.roster.audit.activity;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InvalidMessageException;
import io.roster.contracts.Payload;
import io.roster.messaging.QuietTopics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Every event of {@link ActivityTopics} and of {@code roster.access-keys}, a poll at a time: the poll's rows in one statement, the offsets committed
 * by the container once the listener returned, after the transaction. An undecodable record or one of a type
 * without a description goes to the error handler by index (hence to {@code <topic>.DLT} with the reason): the
 * records before it are written, the ones after it redelivered. A batch the database refuses is written record by
 * record, so that only the record at fault is retried and dead-lettered.
 */
@Component
class ActivityEventListener {

    private static final LogAccessor LOG = new LogAccessor(ActivityEventListener.class);

    private final ActivityWriter writer;
    private final EnvelopeCodec codec;

    ActivityEventListener(ActivityWriter writer, EnvelopeCodec codec) {
        this.writer = writer;
        this.codec = codec;
    }

    @KafkaListener(id = "audit-sink.activity", topics = "#{T(io.roster.audit.activity.ActivityTopics).names()}",
            groupId = "${roster.audit.consumer-group:roster-audit-sink}",
            containerFactory = "auditBatchListenerContainerFactory")
    public void onEvents(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        record(records);
    }

    /**
     * Admin keys issued and revoked. A consumer group of its own: the key replica reads the same topic in the
     * service's group, and two listeners of one group would share its partitions out between them.
     */
    @KafkaListener(id = "audit-sink.key-activity", topics = io.roster.contracts.Topics.ACCESS_KEYS,
            groupId = "${roster.audit.consumer-group:roster-audit-sink}-key-activity",
            containerFactory = "auditBatchListenerContainerFactory", concurrency = "1",
            properties = {QuietTopics.FETCH_MIN_BYTES, QuietTopics.FETCH_MAX_WAIT})
    public void onKeyEvents(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        record(records);
    }

    private void record(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        List<ActivityWriter.Described> described = new ArrayList<>(records.size());
        RuntimeException refusal = null;
        for (ConsumerRecord<String, Envelope<Payload>> record : records) {
            if (record.value() == null) {
                DeserializationException cause = SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
                refusal = cause != null ? cause : new InvalidMessageException("empty record value");
                break;
            }
            ActivityWriter.Described d = ActivityWriter.describe(record.value(), record.partition(), codec);
            if (d == null) {
                refusal = new InvalidMessageException("no activity description for type '" + record.value().type()
                        + "' (audit-sink's ActivityDescription)");
                break;
            }
            described.add(d);
        }
        write(records, described);
        if (refusal != null) {
            throw new BatchListenerFailedException(refusal.getMessage(), refusal, records.get(described.size()));
        }
    }

    private void write(List<ConsumerRecord<String, Envelope<Payload>>> records,
            List<ActivityWriter.Described> described) {
        try {
            writer.write(described);
        } catch (RuntimeException batchFailure) {
            for (int i = 0; i < described.size(); i++) {
                try {
                    writer.write(List.of(described.get(i)));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("recording failed: " + e.getMessage(), e, records.get(i));
                }
            }
        }
    }
}
