package io.roster.invite.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Commands from upstream systems, the import worker and the scheduler. The offset is committed after
 * {@link AccountCommandHandler#handle} has committed its transaction; a redelivery is skipped by request id.
 */
@Component
class AccountRequestListener {

    private final AccountCommandHandler handler;

    AccountRequestListener(AccountCommandHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(id = "invite-service.account-requests", topics = Topics.ACCOUNT_REQUESTS,
            groupId = "${roster.invite.consumer-group:roster-invite-service}",
            containerFactory = "inviteListenerContainerFactory")
    public void onRequest(Envelope<Payload> request) {
        handler.handle(request);
    }
}
