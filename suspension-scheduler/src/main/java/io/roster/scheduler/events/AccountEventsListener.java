package io.roster.scheduler.events;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.messaging.Inbox;
import io.roster.scheduler.account.AccountFeed;
import io.roster.scheduler.invitation.InvitationFeed;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feeds {@code roster.account.events} into the schedule — account events to the accounts' transitions, invitation
 * events to the invitations' — one listener for the topic, so that one consumer group reads each record once. The
 * event id (inbox), the state and the transitions commit in one transaction, before the offset, so a redelivered
 * event is skipped.
 */
@Component
class AccountEventsListener {

    static final String CONSUMER = "suspension-scheduler.account-events";

    private final AccountFeed accounts;
    private final InvitationFeed invitations;
    private final Inbox inbox;

    AccountEventsListener(AccountFeed accounts, InvitationFeed invitations,
            @Qualifier("schedulerInbox") Inbox inbox) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.inbox = inbox;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ACCOUNT_EVENTS,
            groupId = "${roster.scheduler.consumer-group:roster-suspension-scheduler}",
            containerFactory = "schedulerListenerContainerFactory")
    @Transactional
    public void onEvent(Envelope<Payload> event) {
        if (AccountFeed.concerns(event.payload())) {
            if (inbox.firstDelivery(CONSUMER, event.eventId())) {
                accounts.apply(event);
            }
        } else if (InvitationFeed.concerns(event.payload()) && inbox.firstDelivery(CONSUMER, event.eventId())) {
            invitations.apply(event);
        }
    }
}
