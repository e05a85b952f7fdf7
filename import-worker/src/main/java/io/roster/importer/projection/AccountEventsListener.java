package io.roster.importer.projection;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountUpdated;
import io.roster.importer.apply.ApplyOutcomes;
import io.roster.messaging.Inbox;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@link KnownAccounts} from {@code roster.account.events} and hands the answers to import commands to
 * {@link ApplyOutcomes}: both and the event id (inbox) commit in one transaction, before the offset, so a
 * redelivery changes nothing.
 */
@Component("importerAccountEventsListener")
class AccountEventsListener {

    static final String CONSUMER = "import-worker.account-events";

    private final KnownAccounts accounts;
    private final ApplyOutcomes outcomes;
    private final Inbox inbox;

    AccountEventsListener(KnownAccounts accounts, ApplyOutcomes outcomes, @Qualifier("importerInbox") Inbox inbox) {
        this.accounts = accounts;
        this.outcomes = outcomes;
        this.inbox = inbox;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ACCOUNT_EVENTS,
            groupId = "${roster.import.consumer-group:roster-import-worker}",
            containerFactory = "importerListenerContainerFactory")
    @Transactional
    public void onEvent(Envelope<Payload> event) {
        if (!inbox.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        Payload p = event.payload();
        if (p instanceof AccountCreated created) {
            accounts.created(event.workspaceId(), created);
        } else if (p instanceof AccountStatusChanged changed) {
            accounts.statusChanged(event.workspaceId(), changed.accountId(), changed.to());
        } else if (p instanceof AccountUpdated updated) {
            accounts.updated(event.workspaceId(), updated);
        } else if (p instanceof AccountDeleted deleted) {
            accounts.deleted(event.workspaceId(), deleted.accountId());
        }
        outcomes.onEvent(event);
    }
}
