package io.roster.scheduler.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.messaging.Inbox;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feeds account events into the schedule: the event id (inbox), the account's state and its transitions commit in
 * one transaction, before the offset, so a redelivered event is skipped.
 */
@Component
class AccountEventListener {

    static final String CONSUMER = "suspension-scheduler.account-events";

    private final AccountFeed feed;
    private final Inbox inbox;

    AccountEventListener(AccountFeed feed, @Qualifier("schedulerInbox") Inbox inbox) {
        this.feed = feed;
        this.inbox = inbox;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ACCOUNT_EVENTS,
            groupId = "${roster.scheduler.consumer-group:roster-suspension-scheduler}",
            containerFactory = "schedulerListenerContainerFactory")
    @Transactional
    public void onEvent(Envelope<Payload> event) {
        if (AccountFeed.concerns(event.payload()) && inbox.firstDelivery(CONSUMER, event.eventId())) {
            feed.apply(event);
        }
    }
}
