package io.roster.invite.mail;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Turns account events into queued mails, a poll at a time. Only queues: sending (and retrying while the SMTP
 * server is down) is {@link MailSenderJob}'s, so a slow mail server never holds back the event stream. Most events
 * ask for no mail and cost nothing here; a queued mail is keyed by its event id, so a redelivered poll queues
 * nothing twice. An undecodable record goes to the error handler after the ones before it are queued.
 */
@Component
class AccountMailListener {

    private static final LogAccessor LOG = new LogAccessor(AccountMailListener.class);

    private final MailDeliveryRepository deliveries;
    private final MailTemplates templates;

    AccountMailListener(MailDeliveryRepository deliveries, MailTemplates templates) {
        this.deliveries = deliveries;
        this.templates = templates;
    }

    @KafkaListener(id = "invite-service.mailer", topics = Topics.ACCOUNT_EVENTS,
            groupId = "${roster.invite.mailer-consumer-group:roster-invite-mailer}",
            containerFactory = "inviteMailerListenerContainerFactory")
    public void onEvents(List<ConsumerRecord<String, Envelope<Payload>>> records) {
        for (ConsumerRecord<String, Envelope<Payload>> record : records) {
            Envelope<Payload> event = record.value();
            if (event == null) {
                DeserializationException cause = SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
                throw new BatchListenerFailedException("undecodable record", cause, record);
            }
            try {
                onEvent(event);
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(e.getMessage(), e, record);
            }
        }
    }

    private void onEvent(Envelope<Payload> event) {
        if (event.payload() instanceof AccountCreated created && created.creationNotification()) {
            String name = created.firstName() + " " + created.lastName();
            MailTemplates.Mail mail = templates.render("creation", created.mailLanguage(), name,
                    event.workspaceId(), created.login() == null ? created.email() : created.login());
            deliveries.enqueue(event.eventId(), event.workspaceId(), "CREATION_NOTIFICATION", created.email(),
                    mail.subject(), mail.body());
        }
    }
}
