package io.roster.audit.activity;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.invitation.InvitationChanged;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Writes every account event and activity event to the log; the event id makes redeliveries harmless. A deletion
 * pseudonymises the account's entries and those of the invitation it was created from: the acceptance links the
 * two, so no address has to travel with the deletion.
 */
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
        if (!log.record(event, ActivityDescription.of(event))) {
            return;
        }
        if (event.payload() instanceof InvitationChanged invitation) {
            if (invitation.change() == InvitationChanged.Change.ACCEPTED && invitation.accountId() != null) {
                log.linkInvitation(event.workspaceId(), invitation.invitationId(), invitation.accountId());
            }
            // An entry of an invitation whose account is deleted already (it arrived late): erased at once.
            log.erasedPseudonym(event.workspaceId(), invitation.invitationId()).ifPresent(pseudonym ->
                    log.pseudonymizeInvitation(event.workspaceId(), invitation.invitationId(), pseudonym));
        } else if (event.payload() instanceof AccountDeleted deleted) {
            log.pseudonymize(event.workspaceId(), deleted.accountId(), deleted.pseudonymousId());
        }
    }
}
