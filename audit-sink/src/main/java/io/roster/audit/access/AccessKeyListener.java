package io.roster.audit.access;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.messaging.Inbox;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps {@link AccessKeyRegistry} in step with invite-service's keys; redeliveries are skipped by event id. */
@Component
class AccessKeyListener {

    static final String CONSUMER = "audit-sink.access-keys";

    private final AccessKeyRegistry keys;
    private final Inbox inbox;

    AccessKeyListener(AccessKeyRegistry keys, @Qualifier("auditInbox") Inbox inbox) {
        this.keys = keys;
        this.inbox = inbox;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ACCESS_KEYS,
            groupId = "${roster.audit.consumer-group:roster-audit-sink}",
            containerFactory = "auditListenerContainerFactory")
    @Transactional
    public void onKeyEvent(Envelope<Payload> event) {
        if (!inbox.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        if (event.payload() instanceof AccessKeyIssued issued) {
            keys.issued(event.workspaceId(), issued);
        } else if (event.payload() instanceof AccessKeyRevoked revoked) {
            keys.revoked(event.workspaceId(), revoked);
        }
    }
}
