package io.roster.invite.invitation;

import io.roster.adminaccess.SecretHashes;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.InviteUsers;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.invitation.CancelInvitation;
import io.roster.contracts.invitation.ExpireInvitation;
import io.roster.contracts.invitation.InvitationChanged;
import io.roster.contracts.invitation.ResendInvitation;
import io.roster.invite.InviteProperties;
import io.roster.invite.access.Secrets;
import io.roster.invite.account.AccountRepository;
import io.roster.invite.bucket.BucketRegistry;
import io.roster.invite.mail.MailKind;
import io.roster.invite.mail.Mailer;
import io.roster.invite.workspace.Workspace;
import io.roster.messaging.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Invitations: the plan's limits, one pending invitation per address, a single-use 256-bit token of which only
 * the SHA-256 is stored, the mail with the activation link queued in the same transaction.
 */
@Service
public class InvitationService {

    private final InvitationRepository invitations;
    private final AccountRepository accounts;
    private final Mailer mailer;
    private final Outbox outbox;
    private final Clock clock;
    private final InviteProperties.Invitations settings;
    private final BucketRegistry buckets;

    InvitationService(InvitationRepository invitations, AccountRepository accounts,
            Mailer mailer, @Qualifier("inviteOutbox") Outbox outbox,
            @Qualifier("inviteClock") Clock clock, InviteProperties properties, BucketRegistry buckets) {
        this.buckets = buckets;
        this.invitations = invitations;
        this.accounts = accounts;
        this.mailer = mailer;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = properties.invitations();
    }

    /** Problems that refuse the whole request, or the invitations made, as written (in the caller's transaction). */
    public record Result(List<InvitationView> invitations, List<FieldProblem> problems) {
    }

    /** When the licences promised to new invitations are counted under the workspace row's lock. */
    enum LicenceCount {
        /** Before the commit: the caller must know whether they suffice (Kafka, which publishes a refusal). */
        BEFORE_COMMIT,
        /** At commit, which then fails if they ran out meanwhile (see {@link #lostTheLicences}). */
        AT_COMMIT
    }

    /**
     * @param outcome the caller's own write for an accepted request (its outcome record), made in the statement that
     *     writes the invitations
     */
    Result invite(Envelope<? extends Payload> command, InviteUsers request, Workspace workspace,
            Outbox.Insert outcome, LicenceCount count) {
        int max = workspace.plan() == Workspace.Plan.TRIAL ? settings.trialTotal() : settings.maxPerRequest();
        AccountValidator.InvitationResult validated = AccountValidator.validateInvitation(request, max);
        if (!validated.isValid()) {
            return new Result(List.of(), validated.problems());
        }
        AccountValidator.ValidatedInvitation v = validated.invitation();
        List<FieldProblem> problems = new ArrayList<>(buckets.unknown(workspace.id(), v.buckets(), "buckets"));
        // Two statements whatever the number of addresses: which have an account, and (after closing the expired
        // ones, which free their address) which have a pending invitation, with the workspace's counters.
        Set<String> withAccount = accounts.emailsTaken(workspace.id(), v.emails());
        InvitationRepository.Pending pending = invitations.expireAndFindPending(workspace.id(), v.emails());
        Set<String> withInvitation = pending.emails();
        for (int i = 0; i < v.emails().size(); i++) {
            String email = v.emails().get(i);
            if (withAccount.contains(email.toLowerCase(Locale.ROOT))) {
                problems.add(new FieldProblem("emails[" + i + "]", "duplicate", email + " already has an account"));
            } else if (withInvitation.contains(email.toLowerCase(Locale.ROOT))) {
                problems.add(new FieldProblem("emails[" + i + "]", "duplicate",
                        email + " already has a pending invitation; resend or cancel it"));
            }
        }
        // Counted without a lock first, so that a request over the limits writes nothing; counted again once the
        // workspace row is locked (by the invitation_licences trigger, at commit or below), for the invitations of
        // concurrent requests.
        problems.addAll(limits(workspace, pending.counters(), v.emails().size()));
        if (!problems.isEmpty()) {
            return new Result(List.of(), problems);
        }
        List<InvitationRepository.NewInvitation> made = new ArrayList<>();
        List<Envelope<InvitationChanged>> events = new ArrayList<>();
        List<Mailer.Queued> mails = new ArrayList<>();
        for (String email : v.emails()) {
            UUID id = UUID.randomUUID();
            String token = Secrets.newSecret();
            Instant expiresAt = clock.instant().plus(settings.ttl());
            Envelope<InvitationChanged> event = event(command, new InvitationChanged(id.toString(),
                    InvitationChanged.Change.SENT, email, v.admin(), v.permission().name(), v.buckets(), expiresAt,
                    null));
            events.add(event);
            mails.add(mail(workspace, event, v.mailLanguage(), token));
            made.add(new InvitationRepository.NewInvitation(id, email, SecretHashes.sha256(token), expiresAt));
        }
        // The invitations, their events, their mails and the request's outcome: one statement.
        List<InvitationView> written;
        try {
            written = invitations.insertAll(workspace.id(), made, v.admin(), v.permission().name(), v.buckets(),
                    v.mailLanguage().code(), command.requestId(),
                    List.of(outbox.insertAllOf(events), mailer.insertAllOf(mails), outcome));
        } catch (DataAccessException e) {
            // counted at once: an earlier invitation of this transaction (a Kafka batch) made the trigger immediate
            if (lostTheLicences(e)) {
                return new Result(List.of(), List.of(licencesTakenMeanwhile()));
            }
            throw e;
        }
        // The invitations are counted as pending on the workspace row at commit, which locks the row only inside
        // PostgreSQL, or now if the caller must know (or the trial's total must be counted under that lock). Over the
        // limits now, the caller undoes it all.
        if (count == LicenceCount.BEFORE_COMMIT || workspace.plan() == Workspace.Plan.TRIAL) {
            if (!invitations.promiseNow()) {
                return new Result(List.of(), List.of(licencesTakenMeanwhile()));
            }
            if (workspace.plan() == Workspace.Plan.TRIAL) {
                long invited = invitations.invitedCount(workspace.id());
                if (invited > settings.trialTotal()) {
                    return new Result(List.of(), List.of(trialLimit(invited, 0)));
                }
            }
        }
        return new Result(written, List.of());
    }

    /**
     * The plan's limits with {@code adding} more invitations: a trial's total, and licences in use plus those promised
     * to pending invitations. The pending counter is an upper bound (expired invitations count until closed), so
     * pending invitations are counted exactly only when that bound says the licences could run out.
     */
    private List<FieldProblem> limits(Workspace workspace, InvitationRepository.LicenceCounters counters,
            int adding) {
        List<FieldProblem> problems = new ArrayList<>();
        if (workspace.plan() == Workspace.Plan.TRIAL) {
            long invited = invitations.invitedCount(workspace.id());
            if (invited + adding > settings.trialTotal()) {
                problems.add(trialLimit(invited, adding));
            }
        }
        long committed = counters.licencesUsed() + counters.pendingAtMost();
        if (committed + adding > counters.licenceCount()) {
            committed = counters.licencesUsed() + invitations.pendingCount(workspace.id());
        }
        if (committed + adding > counters.licenceCount()) {
            problems.add(new FieldProblem(null, "licences_exhausted", "the workspace has " + counters.licenceCount()
                    + " licences and " + committed + " are used or promised to pending invitations"));
        }
        return problems;
    }

    private FieldProblem trialLimit(long invited, int adding) {
        return new FieldProblem("emails", "trial_limit", "a trial workspace can invite " + settings.trialTotal()
                + " users in all; " + (adding == 0 ? "that would make " + invited : invited + " are invited already"));
    }

    /** The refusal of invitations whose licences concurrent requests took after the first count. */
    public static FieldProblem licencesTakenMeanwhile() {
        return new FieldProblem(null, "licences_exhausted", "the workspace's licences were used or promised to"
                + " pending invitations by requests handled meanwhile; none is left for these invitations");
    }

    /** Whether {@code e}, thrown by a commit, is the refusal of invitations whose licences ran out meanwhile. */
    public static boolean lostTheLicences(Throwable e) {
        return InvitationRepository.lostTheLicences(e);
    }

    /** A new token (the old one dies) and a new mail; refused more often than the resend interval allows. */
    Result resend(Envelope<? extends Payload> command, ResendInvitation request, Workspace workspace) {
        Optional<InvitationView> found = pending(workspace.id(), request.invitationId());
        if (found.isEmpty() || found.get().status() != InvitationStatus.PENDING) {
            return refusal(request.invitationId(), found);
        }
        InvitationView invitation = found.get();
        Duration since = Duration.between(invitation.lastSentAt(), clock.instant());
        if (since.compareTo(settings.resendInterval()) < 0) {
            return new Result(List.of(), List.of(new FieldProblem("invitationId", "rate_limited",
                    "sent " + since.toSeconds() + " s ago; it can be sent again in "
                            + (settings.resendInterval().minus(since).toSeconds() + 1) + " s")));
        }
        String token = Secrets.newSecret();
        Instant expiresAt = clock.instant().plus(settings.ttl());
        invitations.resent(invitation.id(), SecretHashes.sha256(token), expiresAt);
        Envelope<InvitationChanged> event = event(command, new InvitationChanged(invitation.id().toString(),
                InvitationChanged.Change.RESENT, invitation.email(), invitation.admin(), invitation.permission(),
                invitation.buckets(), expiresAt, null));
        outbox.publish(event);
        mailer.queue(mail(workspace, event, MailLanguage.fromCode(invitation.mailLanguage()).orElse(MailLanguage.EN),
                token));
        return new Result(List.of(), List.of());
    }

    Result cancel(Envelope<? extends Payload> command, CancelInvitation request, Workspace workspace) {
        Optional<InvitationView> found = pending(workspace.id(), request.invitationId());
        if (found.isEmpty() || found.get().status() != InvitationStatus.PENDING) {
            return refusal(request.invitationId(), found);
        }
        InvitationView invitation = found.get();
        invitations.close(invitation.id(), InvitationStatus.CANCELLED, null);
        publish(command, new InvitationChanged(invitation.id().toString(), InvitationChanged.Change.CANCELLED,
                invitation.email(), invitation.admin(), invitation.permission(), invitation.buckets(),
                invitation.expiresAt(), null));
        return new Result(List.of(), List.of());
    }

    /**
     * The scheduler's expiry of an invitation not accepted in time: applied only to a still PENDING invitation whose
     * expiry has passed (one sent again meanwhile has a later expiry, and its own transition).
     */
    Result expire(Envelope<? extends Payload> command, ExpireInvitation request, Workspace workspace) {
        Optional<InvitationView> found = pending(workspace.id(), request.invitationId());
        if (found.isEmpty() || found.get().status() != InvitationStatus.PENDING) {
            return refusal(request.invitationId(), found);
        }
        InvitationView invitation = found.get();
        if (invitation.expiresAt().isAfter(clock.instant())) {
            return new Result(List.of(), List.of(new FieldProblem("invitationId", "not_due",
                    "the invitation expires at " + invitation.expiresAt() + ", not yet")));
        }
        invitations.close(invitation.id(), InvitationStatus.EXPIRED, null);
        publish(command, new InvitationChanged(invitation.id().toString(), InvitationChanged.Change.EXPIRED,
                invitation.email(), invitation.admin(), invitation.permission(), invitation.buckets(),
                invitation.expiresAt(), null));
        return new Result(List.of(), List.of());
    }

    private Optional<InvitationView> pending(String workspaceId, String invitationId) {
        try {
            return invitations.lock(workspaceId, UUID.fromString(invitationId));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Result refusal(String invitationId, Optional<InvitationView> found) {
        return new Result(List.of(), List.of(found.isEmpty()
                ? new FieldProblem("invitationId", "not_found", "no invitation " + FieldProblem.quote(invitationId))
                : new FieldProblem("invitationId", "illegal_transition",
                        "the invitation is " + found.get().status() + ", not PENDING")));
    }

    /** The invitation mail of {@code event}, with the activation link of {@code token}. */
    private Mailer.Queued mail(Workspace workspace, Envelope<InvitationChanged> event, MailLanguage language,
            String token) {
        InvitationChanged change = event.payload();
        String link = settings.publicUrl().replaceAll("/+$", "") + "/api/v1/invitations/" + token;
        String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(language.locale())
                .withZone(workspace.timeZone()).format(change.expiresAt());
        return mailer.prepare(event.eventId(), workspace.id(), MailKind.INVITATION, change.email(), language,
                workspace.name(), link, until);
    }

    private Envelope<InvitationChanged> event(Envelope<? extends Payload> command, InvitationChanged change) {
        return new Envelope<>(UUID.randomUUID(), MessageType.INVITATION_CHANGED.typeName(), clock.instant(),
                command.workspaceId(), command.requestId(), command.actor(), change);
    }

    private void publish(Envelope<? extends Payload> command, InvitationChanged change) {
        outbox.publish(event(command, change));
    }


}
