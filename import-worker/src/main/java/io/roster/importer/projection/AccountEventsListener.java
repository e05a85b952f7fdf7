package io.roster.importer.projection;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountUpdated;
import io.roster.importer.apply.ApplyOutcomes;
import io.roster.messaging.Inbox;
import io.roster.messaging.TransactionalPollHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@link KnownAccounts} from {@code roster.account.events} and hands the answers to import commands to
 * {@link ApplyOutcomes}, a poll at a time: the poll's event ids (inbox), accounts and outcomes commit in one
 * transaction of a few multi-row statements, before the offsets, so a redelivery changes nothing. One transaction per
 * event held a million-row import to a few thousand answers a second.
 *
 * <p>A poll that fails as a whole, or an undecodable record, is handed to the error handler by
 * {@link TransactionalPollHandler}: the events before the one at fault stay done, it is retried then dead-lettered.
 */
@Component("importerAccountEventsListener")
class AccountEventsListener {

    static final String CONSUMER = "import-worker.account-events";

    private final KnownAccounts accounts;
    private final ApplyOutcomes outcomes;
    private final Inbox inbox;
    private final TransactionalPollHandler poll;

    AccountEventsListener(KnownAccounts accounts, ApplyOutcomes outcomes, @Qualifier("importerInbox") Inbox inbox,
            TransactionTemplate transactions) {
        this.accounts = accounts;
        this.outcomes = outcomes;
        this.inbox = inbox;
        this.poll = new TransactionalPollHandler(transactions, this::handle);
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ACCOUNT_EVENTS,
            groupId = "${roster.import.consumer-group:roster-import-worker}",
            containerFactory = "importerBatchListenerContainerFactory")
    public void onEvents(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        poll.handle(records);
    }

    /** The events this service acts on, each once, in their order: runs of creations as one statement. */
    private void handle(List<Envelope<Payload>> received) {
        List<Envelope<Payload>> events = new ArrayList<>(received.size());
        for (Envelope<Payload> event : received) {
            if (concerns(event.payload())) {
                events.add(event);
            }
        }
        Set<UUID> first = inbox.firstDeliveries(CONSUMER, events.stream().map(Envelope::eventId).toList());
        List<Envelope<Payload>> created = new ArrayList<>();
        List<Envelope<Payload>> answers = new ArrayList<>();
        for (Envelope<Payload> event : events) {
            if (!first.remove(event.eventId())) {
                continue; // redelivered, or twice in this poll
            }
            Payload p = event.payload();
            if (p instanceof AccountCreated) {
                created.add(event);
            } else {
                // a change of an account may follow its creation in the same poll: the creations first
                accounts.createdAll(created);
                created.clear();
                if (p instanceof AccountStatusChanged changed) {
                    accounts.statusChanged(event.workspaceId(), changed.accountId(), changed.to());
                } else if (p instanceof AccountUpdated updated) {
                    accounts.updated(event.workspaceId(), updated);
                } else if (p instanceof AccountDeleted deleted) {
                    accounts.deleted(event.workspaceId(), deleted.accountId());
                }
            }
            if (p instanceof AccountCreated || p instanceof AccountRequestRejected) {
                answers.add(event);
            }
        }
        accounts.createdAll(created);
        outcomes.onEvents(answers);
    }

    private static boolean concerns(Payload p) {
        return p instanceof AccountCreated || p instanceof AccountStatusChanged || p instanceof AccountUpdated
                || p instanceof AccountDeleted || p instanceof AccountRequestRejected;
    }
}
