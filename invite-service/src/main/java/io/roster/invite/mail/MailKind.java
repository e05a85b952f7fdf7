package io.roster.invite.mail;

/** What a queued mail is, as stored in {@code invite.mail_delivery.kind}, and the template it is written with. */
public enum MailKind {
    /** An invitation, with its activation link (redacted from the row once sent). */
    INVITATION("invitation"),
    /** The notice to a created user, when the request asked for it. */
    CREATION_NOTIFICATION("creation"),
    /** The warning, days ahead, of an automatic suspension (the scheduler's account.warn-suspension.v1). */
    SUSPENSION_WARNING("suspension-warning");

    private final String template;

    MailKind(String template) {
        this.template = template;
    }

    /** The template's name in mail/messages_*.properties. */
    String template() {
        return template;
    }
}
