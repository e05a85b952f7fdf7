package io.roster.scheduler.events;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.messaging.Inbox;
import io.roster.scheduler.account.AccountFeed;
import io.roster.scheduler.invitation.InvitationFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds {@code roster.account.events} into the schedule — account events to the accounts' transitions, invitation
 * events to the invitations' — one listener for the topic, so that one consumer group reads each record once. A poll
 * at a time: its event ids (inbox, one statement), the states and the transitions commit in one transaction, before
 * the offsets, so a redelivered event is skipped. The events are applied in their order, each as on its own. One
 * transaction per event was, with a million suspensions falling at once, a million transactions of the scheduler
 * competing with the sweep and invite-service for the same cores.
 *
 * <p>A poll that fails as a whole is handled again one event per transaction, to find the event at fault: the ones
 * before it stay done, it goes to the error handler (retried, then dead-lettered), the ones after it are redelivered.
 * An undecodable record is handed over the same way once the ones before it are done.
 */
@Component
class AccountEventsListener {

    static final String CONSUMER = "suspension-scheduler.account-events";
    private static final LogAccessor LOG = new LogAccessor(AccountEventsListener.class);

    private final AccountFeed accounts;
    private final InvitationFeed invitations;
    private final Inbox inbox;
    private final TransactionTemplate transactions;

    AccountEventsListener(AccountFeed accounts, InvitationFeed invitations,
            @Qualifier("schedulerInbox") Inbox inbox, TransactionTemplate transactions) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.inbox = inbox;
        this.transactions = transactions;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ACCOUNT_EVENTS,
            groupId = "${roster.scheduler.consumer-group:roster-suspension-scheduler}",
            containerFactory = "schedulerBatchListenerContainerFactory")
    public void onEvents(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        int undecodable = 0;
        while (undecodable < records.size() && records.get(undecodable).value() != null) {
            undecodable++;
        }
        List<ConsumerRecord<String, Envelope<Payload>>> decoded = records.subList(0, undecodable);
        try {
            transactions.executeWithoutResult(status -> handle(decoded));
        } catch (RuntimeException pollFailed) {
            for (ConsumerRecord<String, Envelope<Payload>> record : decoded) {
                try {
                    transactions.executeWithoutResult(status -> handle(List.of(record)));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("account event not applied", e, record);
                }
            }
        }
        if (undecodable < records.size()) {
            ConsumerRecord<String, Envelope<Payload>> record = records.get(undecodable);
            DeserializationException cause = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            throw new BatchListenerFailedException("undecodable record", cause, record);
        }
    }

    /** The events the scheduler cares about, each once (others are not even recorded in the inbox), in order. */
    private void handle(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        List<Envelope<Payload>> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, Envelope<Payload>> record : records) {
            Payload payload = record.value().payload();
            if (AccountFeed.concerns(payload) || InvitationFeed.concerns(payload)) {
                events.add(record.value());
            }
        }
        Set<UUID> first = inbox.firstDeliveries(CONSUMER, events.stream().map(Envelope::eventId).toList());
        for (Envelope<Payload> event : events) {
            if (!first.remove(event.eventId())) {
                continue; // redelivered, or twice in this poll
            }
            if (AccountFeed.concerns(event.payload())) {
                accounts.apply(event);
            } else {
                invitations.apply(event);
            }
        }
    }
}
