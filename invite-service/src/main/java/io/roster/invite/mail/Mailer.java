package io.roster.invite.mail;

import io.roster.contracts.account.MailLanguage;
import io.roster.messaging.Outbox;
import java.util.List;
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

    /** A mail rendered and ready to queue, alone or with others in one statement. */
    public record Queued(UUID eventId, String workspaceId, MailKind kind, String recipient, String subject,
            String body) {
    }

    /**
     * Renders a mail without queueing it yet.
     *
     * @param eventId the event the mail belongs to: one mail per event, whatever the redeliveries
     * @param arguments those of the kind's template (see mail/messages_*.properties)
     */
    public Queued prepare(UUID eventId, String workspaceId, MailKind kind, String recipient, MailLanguage language,
            Object... arguments) {
        MailTemplates.Mail mail = templates.render(kind.template(), language, arguments);
        return new Queued(eventId, workspaceId, kind, recipient, mail.subject(), mail.body());
    }

    /** Queues the mail; false when a mail of its event id is queued already (nothing is queued twice). */
    public boolean queue(Queued mail) {
        return deliveries.enqueue(mail.eventId(), mail.workspaceId(), mail.kind(), mail.recipient(), mail.subject(),
                mail.body());
    }

    /**
     * The rows of {@code mails} as one INSERT for a data-modifying {@code WITH} clause of the caller's statement,
     * in the transaction of their events (a mail already queued for its event is left as it is).
     */
    public Outbox.Insert insertAllOf(List<Queued> mails) {
        return deliveries.insertAllOf(mails);
    }

    /**
     * Mails for events made just now (each under a new random event id) as one binary COPY, for the caller to run in
     * the transaction of those events: what {@link #insertAllOf} writes, with nothing for PostgreSQL to unnest.
     */
    public Outbox.Copy copyAllOf(List<Queued> mails) {
        return deliveries.copyAllOf(mails);
    }
}
