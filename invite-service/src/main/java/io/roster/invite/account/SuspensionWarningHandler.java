package io.roster.invite.account;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountSuspensionWarned;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.WarnOfSuspension;
import io.roster.invite.mail.MailKind;
import io.roster.invite.mail.Mailer;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code account.warn-suspension.v1}, from the scheduler: mails the owner of a still ACTIVE account, in its language,
 * that it will be suspended automatically at {@code suspendAt}. Once per suspension: the mail is queued under an id
 * made of the account and {@code suspendAt}, so the same warning sent again (a new request id, the warning period
 * changed meanwhile) mails nothing and is refused as {@code already_warned}. A sign-in moves the suspension, and the
 * warning of the new one is a new mail; a warning queued before that sign-in (its {@code idleSince} earlier than the
 * sign-in) is refused as {@code premise_changed}.
 */
@Component
class SuspensionWarningHandler implements CommandHandler<WarnOfSuspension> {

    private final AccountRepository accounts;
    private final Mailer mailer;
    private final Clock clock;

    SuspensionWarningHandler(AccountRepository accounts, Mailer mailer, @Qualifier("inviteClock") Clock clock) {
        this.accounts = accounts;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Override
    public Class<WarnOfSuspension> payloadType() {
        return WarnOfSuspension.class;
    }

    @Override
    public Decision decide(Command<WarnOfSuspension> command) {
        WarnOfSuspension warning = command.payload();
        if (warning.suspendAt() == null) {
            return Decision.refused(new FieldProblem("suspendAt", "required", "the suspension's instant is required"));
        }
        Account account = accounts.lock(command.workspaceId(), warning.accountId()).orElse(null);
        if (account == null) {
            return Decision.refused(TransitionHandler.notFound(warning.accountId()));
        }
        if (account.status() != AccountStatus.ACTIVE) {
            return Decision.refused(new FieldProblem("status", "illegal_transition",
                    "the account is " + account.status() + ": only an ACTIVE account is warned of its suspension"));
        }
        Optional<FieldProblem> premiseGone = Premise.of(warning).refusal(accounts.premiseFacts(account.id()));
        if (premiseGone.isPresent()) {
            // signed in (or reactivated) after the scheduler queued the warning: the suspension it announces moved
            return Decision.refused(premiseGone.get());
        }
        if (!warning.suspendAt().isAfter(clock.instant())) {
            return Decision.refused(new FieldProblem("suspendAt", "past",
                    "the suspension is due already (" + warning.suspendAt() + "): too late to warn of it"));
        }
        Workspace workspace = command.workspace();
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(account.mailLanguage().locale()).withZone(workspace.timeZone())
                .format(warning.suspendAt());
        String name = account.firstName() != null ? account.firstName()
                : account.login() != null ? account.login() : account.email();
        boolean queued = mailer.queue(mailer.prepare(mailId(command.workspaceId(), account, warning.suspendAt()),
                command.workspaceId(), MailKind.SUSPENSION_WARNING, account.email(), account.mailLanguage(), name,
                workspace.name(), when, workspace.timeZone().getId()));
        if (!queued) {
            return Decision.refused(new FieldProblem("suspendAt", "already_warned",
                    "the owner was warned of the suspension due at " + warning.suspendAt() + " already"));
        }
        return Decision.accepted(account.id(), new AccountSuspensionWarned(account.id().toString(),
                warning.suspendAt(), account.mailLanguage()));
    }

    /** One mail per account and suspension instant, whatever the requests that ask for it. */
    private static UUID mailId(String workspaceId, Account account, Instant suspendAt) {
        return UUID.nameUUIDFromBytes(("suspension-warning/" + workspaceId + "/" + account.id() + "/"
                + suspendAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    }
}
