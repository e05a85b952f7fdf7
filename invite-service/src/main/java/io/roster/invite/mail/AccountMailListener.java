package io.roster.invite.mail;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns account events into queued mails. Only queues: sending (and retrying while the SMTP server is down)
 * is {@link MailSenderJob}'s, so a slow mail server never holds back the event stream.
 */
@Component
class AccountMailListener {

    private final MailDeliveryRepository deliveries;
    private final MailTemplates templates;

    AccountMailListener(MailDeliveryRepository deliveries, MailTemplates templates) {
        this.deliveries = deliveries;
        this.templates = templates;
    }

    @KafkaListener(id = "invite-service.mailer", topics = Topics.ACCOUNT_EVENTS,
            groupId = "${roster.invite.mailer-consumer-group:roster-invite-mailer}",
            containerFactory = "inviteListenerContainerFactory")
    @Transactional
    public void onEvent(Envelope<Payload> event) {
        if (event.payload() instanceof AccountCreated created && created.creationNotification()) {
            String name = created.firstName() + " " + created.lastName();
            MailTemplates.Mail mail = templates.render("creation", created.mailLanguage(), name,
                    event.workspaceId(), created.login() == null ? created.email() : created.login());
            deliveries.enqueue(event.eventId(), event.workspaceId(), "CREATION_NOTIFICATION", created.email(),
                    mail.subject(), mail.body());
        }
    }
}
