package io.roster.invite.session;

import io.roster.adminaccess.SecretHashes;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.contracts.activity.ActivityAction;
import io.roster.contracts.activity.ActivityRecorded;
import io.roster.invite.InviteProperties;
import io.roster.invite.access.Secrets;
import io.roster.messaging.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in with login and password, opaque session tokens (only their SHA-256 stored), the idle timeout and
 * concurrent-session rules of the workspace policy, and a lock after repeated failures. When the account's
 * two-factor mode is enabled for its workspace, the right password yields a second-factor challenge instead of
 * a session, and only its code completes the sign-in ({@link SecondFactors}); wrong codes count towards the same
 * lock. Every sign-in, failure, second factor, lockout, sign-out and expiry becomes an
 * {@code activity.recorded.v1} event with the client IP.
 */
@Service
public class SessionService {

    private final SessionRepository sessions;
    private final SecondFactors secondFactors;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final Clock clock;
    private final InviteProperties.Sessions settings;
    /** Compared against when the login is unknown, so the answer takes as long as for a wrong password. */
    private final String dummyHash;

    SessionService(SessionRepository sessions, SecondFactors secondFactors,
            @Qualifier("invitePasswordEncoder") PasswordEncoder passwords, @Qualifier("inviteOutbox") Outbox outbox,
            @Qualifier("inviteClock") Clock clock, InviteProperties properties) {
        this.sessions = sessions;
        this.secondFactors = secondFactors;
        this.passwords = passwords;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = properties.sessions();
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** The result of a sign-in attempt: a session, a second factor to pass first, or why not. */
    public sealed interface SignIn permits SignedIn, SecondFactorRequired, Refused {
    }

    /**
     * The password was right; POST the code with this challenge id to complete the sign-in.
     *
     * @param method TOTP, SMS or FIDO2
     * @param enrollment TOTP only, when the account has no confirmed authenticator yet: its new secret, shown once
     * @param sentTo SMS only: the end of the phone number the code went to
     * @param ceremony FIDO2 only: {@code create} (register a security key) or {@code get} (sign with one)
     * @param publicKey FIDO2 only: the WebAuthn options (JSON form) for that ceremony
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecondFactorRequired(String challengeId, TwoFactorMode method, Instant expiresAt,
            TotpEnrollment enrollment, String sentTo, String ceremony, java.util.Map<String, Object> publicKey)
            implements SignIn {
    }

    /** A new TOTP secret (Base32) and the otpauth:// URI authenticator apps scan; the first valid code confirms it. */
    public record TotpEnrollment(String secret, String otpauthUri) {
    }

    public record SignedIn(String token, UUID accountId, int idleTimeoutMinutes) implements SignIn {
    }

    /**
     * @param status 401 wrong credentials or code, 403 account not active, 409 SMS mode without a phone number,
     *     429 locked ({@code retryAfter} set), 503 the second factor is not configured here
     */
    public record Refused(int status, String detail, Duration retryAfter) implements SignIn {
    }

    /** Who a valid session belongs to. */
    public record Principal(UUID sessionId, UUID accountId, String workspaceId, String login) {
    }

    /** Commits in every case: failures and locks must be remembered even when the sign-in is refused. */
    @Transactional
    public SignIn signIn(String workspaceId, String login, String password, String clientIp) {
        if (!sessions.workspaceExists(workspaceId)) {
            // Nothing to lock or record for a workspace that does not exist, and the same answer, after the same
            // time, as a wrong password: the answer does not tell which workspaces exist.
            passwords.matches(password == null ? "" : password, dummyHash);
            return new Refused(401, "wrong login or password", null);
        }
        Actor actor = new Actor(Actor.Kind.USER, login, clientIp);
        Optional<Instant> locked = sessions.lockedUntil(workspaceId, login);
        if (locked.isPresent()) {
            record(workspaceId, actor, ActivityAction.SIGN_IN_FAILED, null, login, "login locked");
            return new Refused(429, "too many failed sign-ins; try again later",
                    Duration.between(clock.instant(), locked.get()));
        }
        Optional<SessionRepository.Account> account = sessions.accountByLogin(workspaceId, login);
        String hash = account.map(SessionRepository.Account::passwordHash).orElse(null);
        boolean matches = passwords.matches(password == null ? "" : password, hash == null ? dummyHash : hash)
                && hash != null;
        if (!matches) {
            int failures = sessions.recordFailure(workspaceId, login);
            record(workspaceId, actor, ActivityAction.SIGN_IN_FAILED, account.map(a -> a.id().toString()).orElse(null),
                    login, "wrong login or password (" + failures + ")");
            if (failures >= settings.maxFailures()) {
                sessions.lock(workspaceId, login, clock.instant().plus(settings.lockDuration()));
                record(workspaceId, actor, ActivityAction.LOCKED_OUT, account.map(a -> a.id().toString()).orElse(null),
                        login, "locked for " + settings.lockDuration().toMinutes() + " min after " + failures
                                + " failures");
            }
            return new Refused(401, "wrong login or password", null);
        }
        SessionRepository.Account a = account.get();
        if (a.status() != AccountStatus.ACTIVE) {
            record(workspaceId, actor, ActivityAction.SIGN_IN_FAILED, a.id().toString(), login,
                    "account " + a.status());
            return new Refused(403, "this account is disabled", null);
        }
        Optional<TwoFactorMode> secondFactor = secondFactors.enforced(a);
        if (secondFactor.isPresent()) {
            // The failures so far are kept until the second factor passes: wrong codes add to them.
            SignIn next = secondFactors.begin(secondFactor.get(), a, clientIp);
            if (next instanceof Refused refused) {
                record(workspaceId, actor, ActivityAction.SIGN_IN_FAILED, a.id().toString(), login,
                        secondFactor.get() + " unavailable: " + refused.detail());
            }
            return next;
        }
        return openSession(a, clientIp, "password");
    }

    /**
     * Completes a sign-in with the code of its second-factor challenge. Commits in every case: wrong codes are
     * counted (per challenge and towards the login's lock) even when refused.
     */
    @Transactional
    public SignIn completeSecondFactor(String challengeId, String code, SecurityKeys.Credential credential,
            String clientIp) {
        Optional<SecondFactorRepository.Challenge> open = secondFactors.open(challengeId);
        if (open.isEmpty()) {
            return new Refused(401, "this sign-in challenge is unknown, used or expired: sign in again with your"
                    + " password", null);
        }
        SecondFactorRepository.Challenge challenge = open.get();
        SessionRepository.Account a = sessions.account(challenge.accountId()).orElse(null);
        if (a == null || a.status() != AccountStatus.ACTIVE) {
            secondFactors.end(challenge, ChallengeEnd.ACCOUNT_NOT_ACTIVE);
            return new Refused(403, "this account is disabled", null);
        }
        Actor actor = new Actor(Actor.Kind.USER, a.id().toString(), clientIp);
        Optional<Instant> locked = sessions.lockedUntil(a.workspaceId(), a.login());
        if (locked.isPresent()) {
            secondFactors.end(challenge, ChallengeEnd.LOCKED);
            record(a.workspaceId(), actor, ActivityAction.SIGN_IN_FAILED, a.id().toString(), a.login(), "login locked");
            return new Refused(429, "too many failed sign-ins; try again later",
                    Duration.between(clock.instant(), locked.get()));
        }
        if (!secondFactors.check(challenge, code, credential)) {
            int failures = sessions.recordFailure(a.workspaceId(), a.login());
            boolean ended = secondFactors.countWrong(challenge);
            record(a.workspaceId(), actor, ActivityAction.SECOND_FACTOR_FAILED, a.id().toString(), a.login(),
                    (challenge.method() == TwoFactorMode.FIDO2 ? "security key not verified"
                            : "wrong, used or expired " + challenge.method() + " code") + " (" + failures + ")");
            if (failures >= settings.maxFailures()) {
                secondFactors.end(challenge, ChallengeEnd.LOCKED);
                sessions.lock(a.workspaceId(), a.login(), clock.instant().plus(settings.lockDuration()));
                record(a.workspaceId(), actor, ActivityAction.LOCKED_OUT, a.id().toString(), a.login(),
                        "locked for " + settings.lockDuration().toMinutes() + " min after " + failures
                                + " failures");
                return new Refused(429, "too many failed sign-ins; try again later", settings.lockDuration());
            }
            return new Refused(401, ended ? "wrong code, and too many for this challenge: sign in again"
                    : "wrong, already used or expired code", null);
        }
        secondFactors.end(challenge, ChallengeEnd.PASSED);
        record(a.workspaceId(), actor, ActivityAction.SECOND_FACTOR_PASSED, a.id().toString(), a.login(),
                challenge.method().name());
        return openSession(a, clientIp, "password+" + challenge.method());
    }

    /** A new session for an account that passed every factor; the failures counted against its login end. */
    private SignedIn openSession(SessionRepository.Account a, String clientIp, String how) {
        String workspaceId = a.workspaceId();
        sessions.clearFailures(workspaceId, a.login());
        SessionPolicy policy = sessions.policy(workspaceId);
        if (!policy.effectiveConcurrent(a.concurrentSessions())) {
            sessions.endAll(a.id(), SessionEnd.REPLACED_BY_NEW_SIGN_IN);
        }
        String token = Secrets.newSecret();
        UUID sessionId = UUID.randomUUID();
        sessions.open(sessionId, SecretHashes.sha256(token), workspaceId, a.id(), clientIp);
        // The same instant on the account and on the SIGN_IN event the scheduler reads: a suspension it queued from
        // an earlier "idle since" is refused by comparing the two (to the microsecond, as PostgreSQL keeps it).
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        sessions.signedIn(a.id(), at);
        record(workspaceId, new Actor(Actor.Kind.USER, a.id().toString(), clientIp), ActivityAction.SIGN_IN,
                a.id().toString(), a.login(), how, at);
        return new SignedIn(token, a.id(), policy.effectiveIdleMinutes(a.idleTimeoutMinutes()));
    }

    /**
     * An admin's reset of a user's TOTP enrollment or security keys: the next sign-in enrolls anew. False when
     * the account is not in that workspace.
     */
    @Transactional
    public boolean resetTwoFactor(String workspaceId, UUID accountId, TwoFactorMode mode, Actor admin) {
        if (!secondFactors.reset(workspaceId, accountId, mode)) {
            return false;
        }
        record(workspaceId, admin, ActivityAction.SECOND_FACTOR_RESET, accountId.toString(), null,
                mode == TwoFactorMode.TOTP ? "TOTP enrollment reset" : "security keys removed");
        return true;
    }

    /** The session behind a token, if open, not idle too long and its account still ACTIVE; touches it. */
    @Transactional
    public Optional<Principal> authenticate(String token, String clientIp) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        Optional<SessionRepository.OpenSession> open = sessions.findOpen(SecretHashes.sha256(token));
        if (open.isEmpty()) {
            return Optional.empty();
        }
        SessionRepository.OpenSession s = open.get();
        SessionRepository.Account account = sessions.account(s.accountId()).orElse(null);
        if (account == null || account.status() != AccountStatus.ACTIVE) {
            sessions.end(s.id(), SessionEnd.ACCOUNT_NOT_ACTIVE);
            return Optional.empty();
        }
        int idle = sessions.policy(s.workspaceId()).effectiveIdleMinutes(account.idleTimeoutMinutes());
        if (s.lastSeenAt().plus(Duration.ofMinutes(idle)).isBefore(clock.instant())) {
            sessions.end(s.id(), SessionEnd.IDLE_TIMEOUT);
            record(s.workspaceId(), new Actor(Actor.Kind.USER, account.id().toString(), clientIp),
                    ActivityAction.SESSION_EXPIRED, account.id().toString(), account.login(),
                    "idle for more than " + idle + " min");
            return Optional.empty();
        }
        sessions.touch(s.id());
        return Optional.of(new Principal(s.id(), account.id(), s.workspaceId(), account.login()));
    }

    @Transactional
    public void signOut(Principal principal, String clientIp) {
        sessions.end(principal.sessionId(), SessionEnd.SIGNED_OUT);
        record(principal.workspaceId(), new Actor(Actor.Kind.USER, principal.accountId().toString(), clientIp),
                ActivityAction.SIGN_OUT, principal.accountId().toString(), principal.login(), null);
    }

    private void record(String workspaceId, Actor actor, ActivityAction action, String accountId, String login,
            String detail) {
        record(workspaceId, actor, action, accountId, login, detail, clock.instant());
    }

    private void record(String workspaceId, Actor actor, ActivityAction action, String accountId, String login,
            String detail, Instant at) {
        outbox.publish(new Envelope<>(UUID.randomUUID(), MessageType.ACTIVITY_RECORDED.typeName(), at,
                workspaceId, "session-" + UUID.randomUUID(), actor,
                new ActivityRecorded(action.name(), accountId, login, detail)));
    }


}
