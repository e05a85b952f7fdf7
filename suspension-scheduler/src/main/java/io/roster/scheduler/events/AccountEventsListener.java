package io.roster.scheduler.events;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.messaging.Inbox;
import io.roster.messaging.TransactionalPollHandler;
import io.roster.scheduler.account.AccountFeed;
import io.roster.scheduler.invitation.InvitationFeed;
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
 * Feeds {@code roster.account.events} into the schedule — account events to the accounts' transitions, invitation
 * events to the invitations' — one listener for the topic, so that one consumer group reads each record once. A poll
 * at a time: the states and the transitions commit in one transaction, before the offsets, so that a redelivered
 * event changes nothing — an account event because its account's row knows it ({@link AccountFeed}), an invitation
 * event because its id is in the inbox (one statement for the poll's). The events are applied in their order, each as
 * on its own. One transaction per event was, with a million suspensions falling at once, a million transactions of the
 * scheduler competing with the sweep and invite-service for the same cores; an inbox row per account event was a
 * million rows more.
 *
 * <p>A poll that fails as a whole, or an undecodable record, is handed to the error handler by
 * {@link TransactionalPollHandler}: the events before the one at fault stay done, it is retried then dead-lettered.
 */
@Component
class AccountEventsListener {

    static final String CONSUMER = AccountFeed.INBOX_CONSUMER;

    private final AccountFeed accounts;
    private final InvitationFeed invitations;
    private final Inbox inbox;
    private final TransactionalPollHandler poll;

    AccountEventsListener(AccountFeed accounts, InvitationFeed invitations,
            @Qualifier("schedulerInbox") Inbox inbox, TransactionTemplate transactions) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.inbox = inbox;
        this.poll = new TransactionalPollHandler(transactions, this::handle);
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ACCOUNT_EVENTS,
            groupId = "${roster.scheduler.consumer-group:roster-suspension-scheduler}",
            containerFactory = "schedulerBatchListenerContainerFactory")
    public void onEvents(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        poll.handle(records);
    }

    /** The events the scheduler cares about, in order: account events to their feed, invitation events each once. */
    private void handle(List<Envelope<Payload>> received) {
        List<Envelope<Payload>> accountEvents = new ArrayList<>(received.size());
        List<Envelope<Payload>> invitationEvents = new ArrayList<>();
        for (Envelope<Payload> event : received) {
            Payload payload = event.payload();
            if (AccountFeed.concerns(payload)) {
                accountEvents.add(event);
            } else if (InvitationFeed.concerns(payload)) {
                invitationEvents.add(event);
            }
        }
        // Accounts' and invitations' transitions are apart (other subjects, other kinds): each kept in its order.
        if (!invitationEvents.isEmpty()) {
            Set<UUID> first = inbox.firstDeliveries(CONSUMER,
                    invitationEvents.stream().map(Envelope::eventId).toList());
            for (Envelope<Payload> event : invitationEvents) {
                if (first.remove(event.eventId())) { // else redelivered, or twice in this poll
                    invitations.apply(event);
                }
            }
        }
        accounts.applyAll(accountEvents);
    }
}
