package io.roster.importer.projection;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountUpdated;
import io.roster.importer.apply.ApplyOutcomes;
import io.roster.importer.apply.CreatedAccount;
import io.roster.messaging.Inbox;
import io.roster.messaging.TransactionalPollHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@link KnownAccounts} from {@code roster.account.events} and hands the answers to import commands to
 * {@link ApplyOutcomes}, a poll at a time (a creation read lean, as a {@link CreatedAccount}: see
 * {@link AccountEventsDeserializer}), in one transaction committed before the offsets, which first locks the
 * poll's workspaces in their order ({@link KnownAccounts#lockWorkspaces}): two polls of one workspace (two
 * partitions, two instances) follow each other rather than lock its jobs' counters in crossed orders. A poll of
 * creations only (an import's answers) is one statement after that lock: creations are idempotent by account id (a
 * row counts with the account its answer adds), so they need no inbox, and a redelivery changes nothing. The changes that follow a creation
 * (status, update, deletion) and the refusals still pass through the inbox: a status change delivered again after a
 * later one would undo it. A deletion leaves a mark that keeps a creation delivered again behind it from bringing
 * the account back (the deletion itself, in the inbox, would then be skipped).
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

    /** The events this service acts on, each once in effect, in their order: runs of answers as one statement. */
    private void handle(List<Envelope<Payload>> received) {
        List<Envelope<Payload>> events = new ArrayList<>(received.size());
        List<UUID> changes = new ArrayList<>();
        for (Envelope<Payload> event : received) {
            if (concerns(event.payload())) {
                events.add(event);
                if (!CreatedAccount.isCreation(event.payload())) {
                    changes.add(event.eventId());
                }
            }
        }
        accounts.lockWorkspaces(events.stream().map(Envelope::workspaceId).filter(Objects::nonNull).toList());
        Set<UUID> first = inbox.firstDeliveries(CONSUMER, changes);
        List<Envelope<Payload>> answers = new ArrayList<>();
        for (Envelope<Payload> event : events) {
            Payload p = event.payload();
            if (CreatedAccount.isCreation(p)) {
                answers.add(event);
                continue;
            }
            if (!first.remove(event.eventId())) {
                continue; // redelivered, or twice in this poll
            }
            if (p instanceof AccountRequestRejected) {
                answers.add(event);
                continue;
            }
            // a change of an account may follow its creation in the same poll: the creations first
            outcomes.onEvents(answers);
            answers.clear();
            if (p instanceof AccountStatusChanged changed) {
                accounts.statusChanged(event.workspaceId(), changed.accountId(), changed.to());
            } else if (p instanceof AccountUpdated updated) {
                accounts.updated(event.workspaceId(), updated);
            } else if (p instanceof AccountDeleted deleted) {
                accounts.deleted(event.workspaceId(), deleted.accountId());
            }
        }
        outcomes.onEvents(answers);
    }

    private static boolean concerns(Payload p) {
        return CreatedAccount.isCreation(p) || p instanceof AccountStatusChanged || p instanceof AccountUpdated
                || p instanceof AccountDeleted || p instanceof AccountRequestRejected;
    }
}
