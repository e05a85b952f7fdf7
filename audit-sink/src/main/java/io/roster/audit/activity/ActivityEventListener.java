package io.roster.audit.activity;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountDeleted;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Writes every account event and activity event to the log; the event id makes redeliveries harmless. */
@Component
class ActivityEventListener {

    private final ActivityLogRepository log;

    ActivityEventListener(ActivityLogRepository log) {
        this.log = log;
    }

    @KafkaListener(id = "audit-sink.activity", topics = {Topics.ACCOUNT_EVENTS, Topics.ACTIVITY},
            groupId = "${roster.audit.consumer-group:roster-audit-sink}",
            containerFactory = "auditListenerContainerFactory")
    @Transactional
    public void onEvent(Envelope<Payload> event) {
        if (log.record(event, ActivityDescription.of(event))
                && event.payload() instanceof AccountDeleted deleted) {
            log.pseudonymize(event.workspaceId(), deleted.accountId(), deleted.pseudonymousId());
        }
    }
}
