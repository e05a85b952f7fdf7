package io.roster.adminaccess;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies {@code roster.access-keys} to an {@link AccessKeyTable}: the key change and the event id (inbox) commit in
 * one transaction, before the offset, so a redelivery is skipped and nothing is applied twice.
 */
class AccessKeyFeed implements MessageListener<String, Envelope<Payload>> {

    /** The consumer name in the inbox of the replica's schema. */
    static final String CONSUMER = "admin-access.access-keys";

    private final AccessKeyTable keys;
    private final Inbox inbox;
    private final TransactionTemplate transactions;

    AccessKeyFeed(AccessKeyTable keys, Inbox inbox, TransactionTemplate transactions) {
        this.keys = keys;
        this.inbox = inbox;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, Envelope<Payload>> record) {
        Envelope<Payload> event = record.value();
        transactions.executeWithoutResult(status -> {
            if (!inbox.firstDelivery(CONSUMER, event.eventId())) {
                return;
            }
            if (event.payload() instanceof AccessKeyIssued issued) {
                keys.issued(event.workspaceId(), issued);
            } else if (event.payload() instanceof AccessKeyRevoked revoked) {
                keys.revoked(event.workspaceId(), revoked);
            }
        });
    }
}
