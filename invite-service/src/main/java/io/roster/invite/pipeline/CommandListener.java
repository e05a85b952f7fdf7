package io.roster.invite.pipeline;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.messaging.TransactionalPollHandler;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Commands from upstream systems, the import worker and the scheduler, a poll at a time, in runs of at most about
 * a thousand accounts ({@link PollChunks}). The offsets are committed after {@link CommandPipeline#handleBatch} has
 * committed the runs' transactions; a redelivered command is skipped by request id. An undecodable or failing record goes to the error handler by index:
 * the records before it stay done, it is retried or dead-lettered, the ones after it are redelivered. The pipeline
 * finds the failing command itself, with savepoints in its one transaction, so only the undecodable record's
 * hand-over is {@link TransactionalPollHandler}'s.
 */
@Component
class CommandListener {

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
        int start = 0;
        for (int end : PollChunks.ends(commands, PollChunks.ACCOUNTS_PER_TRANSACTION)) {
            try {
                int undecodable = pipeline.handleBatch(commands.subList(start, end));
                if (undecodable >= 0) {
                    throw TransactionalPollHandler.undecodable(records.get(start + undecodable));
                }
            } catch (BatchFailure e) {
                throw new BatchListenerFailedException(e.getMessage(), e.getCause(), records.get(start + e.index()));
            }
            start = end;
        }
    }
}
