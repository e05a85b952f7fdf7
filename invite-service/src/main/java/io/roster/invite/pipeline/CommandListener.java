package io.roster.invite.pipeline;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
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
 * Commands from upstream systems, the import worker and the scheduler, a poll at a time. The offsets are
 * committed after {@link CommandPipeline#handleBatch} has committed its transaction; a redelivered
 * command is skipped by request id. An undecodable or failing record goes to the error handler by index:
 * the records before it stay done, it is retried or dead-lettered, the ones after it are redelivered.
 */
@Component
class CommandListener {

    private static final LogAccessor LOG = new LogAccessor(CommandListener.class);

    private final CommandPipeline pipeline;

    CommandListener(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @KafkaListener(id = "invite-service.account-requests", topics = Topics.ACCOUNT_REQUESTS,
            groupId = "${roster.invite.consumer-group:roster-invite-service}",
            containerFactory = "inviteBatchListenerContainerFactory")
    public void onRequests(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        List<Envelope<Payload>> commands = new ArrayList<>(records.size());
        records.forEach(r -> commands.add(r.value()));
        try {
            int undecodable = pipeline.handleBatch(commands);
            if (undecodable >= 0) {
                ConsumerRecord<String, Envelope<Payload>> record = records.get(undecodable);
                DeserializationException cause = SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
                throw new BatchListenerFailedException("undecodable record", cause, record);
            }
        } catch (BatchFailure e) {
            throw new BatchListenerFailedException(e.getMessage(), e.getCause(), records.get(e.index()));
        }
    }
}
