package io.roster.invite.invitation;

import io.roster.adminaccess.SecretHashes;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.invitation.InvitationChanged;
import io.roster.invite.account.AccountRepository;
import io.roster.invite.pipeline.CommandPipeline;
import io.roster.invite.pipeline.Outcome;
import io.roster.invite.http.RequestRejectedException;
import io.roster.messaging.Outbox;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** The invitee's side: look at an invitation by its link, accept it with a name and a password. */
@Service
class InvitationAcceptance {

    private final InvitationRepository invitations;
    private final CommandPipeline pipeline;
    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final Clock clock;

    InvitationAcceptance(InvitationRepository invitations, CommandPipeline pipeline, AccountRepository accounts,
            @Qualifier("invitePasswordEncoder") PasswordEncoder passwords, @Qualifier("inviteOutbox") Outbox outbox,
            @Qualifier("inviteClock") Clock clock) {
        this.invitations = invitations;
        this.pipeline = pipeline;
        this.accounts = accounts;
        this.passwords = passwords;
        this.outbox = outbox;
        this.clock = clock;
    }

    record Acceptance(String login, String firstName, String lastName, String password) {
    }

    record Accepted(UUID accountId, String workspaceId, String login, String email) {
    }

    /** The invitation behind a link, if it can still be accepted: 404 unknown, 410 cancelled, used or expired. */
    @Transactional
    public InvitationRepository.ByToken usable(String token) {
        InvitationRepository.ByToken found = invitations.lockByToken(SecretHashes.sha256(token))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown invitation link"));
        InvitationView invitation = found.invitation();
        if (invitation.status() == InvitationStatus.CANCELLED) {
            throw new ResponseStatusException(HttpStatus.GONE, "this invitation was cancelled");
        }
        if (invitation.status() == InvitationStatus.ACCEPTED) {
            throw new ResponseStatusException(HttpStatus.GONE, "this invitation was already used");
        }
        if (!invitation.expiresAt().isAfter(clock.instant())) {
            throw new ResponseStatusException(HttpStatus.GONE, "this invitation expired; ask for a new one");
        }
        return found;
    }

    @Transactional
    public Accepted accept(String token, Acceptance body, String clientIp) {
        InvitationRepository.ByToken found = usable(token);
        InvitationView invitation = found.invitation();
        List<FieldProblem> passwordProblems = AccountValidator.validatePassword(body.password());
        String login = body.login() == null || body.login().isBlank() ? invitation.email() : body.login();
        CreateUser user = new CreateUser(login, invitation.email(), body.firstName(), body.lastName(),
                AccountStatus.ACTIVE.name(),
                invitation.mailLanguage(), null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, false, null, null, null, invitation.admin(), invitation.permission(),
                invitation.buckets());
        Envelope<Payload> command = new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(),
                clock.instant(), found.workspaceId(), "invitation:" + invitation.id(),
                new Actor(Actor.Kind.USER, invitation.email(), clientIp), user);
        Outcome outcome = pipeline.answer(command);
        if (!outcome.accepted() || !passwordProblems.isEmpty()) {
            List<FieldProblem> all = new java.util.ArrayList<>(outcome.problems());
            all.addAll(passwordProblems);
            throw new RequestRejectedException(all);
        }
        accounts.setPassword(outcome.accountId(), passwords.encode(body.password()));
        invitations.close(invitation.id(), InvitationStatus.ACCEPTED, outcome.accountId());
        outbox.publish(new Envelope<>(UUID.randomUUID(), MessageType.INVITATION_CHANGED.typeName(), clock.instant(),
                found.workspaceId(), command.requestId(), command.actor(),
                new InvitationChanged(invitation.id().toString(), InvitationChanged.Change.ACCEPTED,
                        invitation.email(), invitation.admin(), invitation.permission(), invitation.buckets(),
                        invitation.expiresAt(), outcome.accountId().toString())));
        return new Accepted(outcome.accountId(), found.workspaceId(), login.toLowerCase(java.util.Locale.ROOT),
                invitation.email());
    }
}
