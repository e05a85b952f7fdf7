package io.roster.invite.mail;

import io.roster.contracts.account.MailLanguage;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Queues a mail in the current transaction; {@link MailSenderJob} sends it once that transaction commits. */
@Component
public class Mailer {

    private final MailDeliveryRepository deliveries;
    private final MailTemplates templates;

    Mailer(MailDeliveryRepository deliveries, MailTemplates templates) {
        this.deliveries = deliveries;
        this.templates = templates;
    }

    /**
     * @param eventId the event the mail belongs to: one mail per event, whatever the redeliveries
     * @param template {@code creation} or {@code invitation} (see mail/messages_*.properties)
     */
    public void queue(UUID eventId, String workspaceId, String kind, String recipient, String template,
            MailLanguage language, Object... arguments) {
        MailTemplates.Mail mail = templates.render(template, language, arguments);
        deliveries.enqueue(eventId, workspaceId, kind, recipient, mail.subject(), mail.body());
    }
}
