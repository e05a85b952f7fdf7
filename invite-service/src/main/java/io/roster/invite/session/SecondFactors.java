package io.roster.invite.session;

import io.roster.adminaccess.SecretHashes;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.invite.InviteProperties;
import io.roster.invite.access.Secrets;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.workspace.WorkspaceRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The second factor of a sign-in: which one an account must pass, the challenge that waits for it, and the
 * check of the code. An account's tfa mode is enforced only when its workspace enabled that mode; a mode that is
 * enforced but cannot be served here (no encryption key, no SMS sender) refuses the sign-in, never lets it
 * through on the password alone.
 *
 * <p>TOTP enrollment happens at the first sign-in that needs it: the password is right and no confirmed secret
 * exists, so a fresh secret (and its otpauth:// URI) comes back with the challenge, once; the first valid code
 * confirms it. A sign-in that is abandoned leaves a pending secret that the next sign-in replaces — a secret is
 * never shown twice. Once confirmed, only an admin's reset allows a new enrollment. FIDO2 works alike: the first
 * sign-in that needs a security key runs the WebAuthn registration ceremony, later ones the assertion ceremony
 * ({@link SecurityKeys}).
 */
@Component
class SecondFactors {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecondFactorRepository repository;
    private final WorkspaceRepository workspaces;
    private final ObjectProvider<SmsSender> smsSenders;
    private final SmsQuota smsQuota;
    private final SecurityKeys securityKeys;
    private final PasswordEncoder hashes;
    private final Clock clock;
    private final InviteProperties.TwoFactor settings;
    /** Null when no encryption key is configured: TOTP is then unavailable. */
    private final SecretCipher cipher;
    private final Totp totp = new Totp();

    SecondFactors(SecondFactorRepository repository, WorkspaceRepository workspaces,
            ObjectProvider<SmsSender> smsSenders, SmsQuota smsQuota, SecurityKeys securityKeys,
            @Qualifier("invitePasswordEncoder") PasswordEncoder hashes, @Qualifier("inviteClock") Clock clock,
            InviteProperties properties) {
        this.repository = repository;
        this.smsQuota = smsQuota;
        this.securityKeys = securityKeys;
        this.workspaces = workspaces;
        this.smsSenders = smsSenders;
        this.hashes = hashes;
        this.clock = clock;
        this.settings = properties.tfa();
        String key = settings.encryptionKey();
        this.cipher = key == null || key.isBlank() ? null : new SecretCipher(key);
    }

    /** The account's mode, if its workspace has enabled it (NONE is never enforced). */
    Optional<TwoFactorMode> enforced(SessionRepository.Account account) {
        TwoFactorMode mode = account.tfa();
        if (mode == TwoFactorMode.NONE) {
            return Optional.empty();
        }
        boolean enabled = workspaces.find(account.workspaceId()).map(Workspace::tfaModes)
                .map(modes -> modes.contains(mode)).orElse(false);
        return enabled ? Optional.of(mode) : Optional.empty();
    }

    /** After the right password: the challenge for the enforced mode, or why the sign-in cannot go on. */
    SessionService.SignIn begin(TwoFactorMode mode, SessionRepository.Account account, String clientIp) {
        switch (mode) {
            case TOTP:
                return beginTotp(account, clientIp);
            case SMS:
                return beginSms(account, clientIp);
            case FIDO2:
                return beginSecurityKey(account, clientIp);
            default:
                throw new IllegalArgumentException("not a second factor: " + mode);
        }
    }

    private SessionService.SignIn beginTotp(SessionRepository.Account account, String clientIp) {
        if (cipher == null) {
            return new SessionService.Refused(503, "TOTP sign-in is not configured for this installation"
                    + " (roster.invite.tfa.encryption-key is not set); ask the platform operator", null);
        }
        Optional<SecondFactorRepository.TotpEnrollment> enrollment = repository.totp(account.id());
        SessionService.TotpEnrollment shown = null;
        if (enrollment.isEmpty() || !enrollment.get().confirmed()) {
            byte[] secret = new byte[Totp.SECRET_BYTES];
            RANDOM.nextBytes(secret);
            // False only if a concurrent sign-in confirmed an enrollment meanwhile: then there is nothing to show.
            byte[] sealed = cipher.encrypt(secret, account.id());
            if (repository.storePendingTotp(account.id(), account.workspaceId(), sealed)) {
                shown = new SessionService.TotpEnrollment(Totp.base32(secret), totp.otpauthUri(settings.issuer(),
                        account.login() + "@" + account.workspaceId(), secret));
            }
        }
        return challenge(account, TwoFactorMode.TOTP, null, null, clientIp, shown, null);
    }

    private SessionService.SignIn beginSecurityKey(SessionRepository.Account account, String clientIp) {
        byte[] nonce = SecurityKeys.newChallenge();
        boolean registered = securityKeys.registered(account.id());
        SessionService.SecondFactorRequired challenge = challenge(account, TwoFactorMode.FIDO2, null, nonce, clientIp, null, null);
        return new SessionService.SecondFactorRequired(challenge.challengeId(), TwoFactorMode.FIDO2, challenge.expiresAt(), null,
                null, registered ? "get" : "create", registered ? securityKeys.requestOptions(account.id(), nonce)
                        : securityKeys.creationOptions(account, nonce));
    }

    private SessionService.SignIn beginSms(SessionRepository.Account account, String clientIp) {
        String phone = account.phone() == null ? "" : account.phone().replaceAll("\\D", "");
        if (phone.length() < 4) {
            return new SessionService.Refused(409, "this account signs in with an SMS code but has no mobile phone"
                    + " number: an admin has to enter it first", null);
        }
        SmsSender sender = smsSenders.getIfAvailable();
        if (sender == null) {
            return new SessionService.Refused(503, "SMS delivery is not configured for this installation; ask the"
                    + " platform operator (roster.invite.sms.mail-gateway-domain)", null);
        }
        Optional<SessionService.Refused> overQuota = smsQuota.take(account.workspaceId(), account.id());
        if (overQuota.isPresent()) {
            return overQuota.get();
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        SessionService.SecondFactorRequired challenge = challenge(account, TwoFactorMode.SMS, hashes.encode(code), null,
                clientIp, null, "••••" + phone.substring(phone.length() - 2));
        try {
            sender.send(account.phone(), "Your Roster sign-in code: " + code + " (valid "
                    + settings.challengeTtl().toMinutes() + " min). Never share it.");
        } catch (SmsSender.SmsDeliveryException e) {
            repository.endChallenges(account.id(), ChallengeEnd.SMS_NOT_SENT);
            return new SessionService.Refused(503, "the SMS with your sign-in code could not be sent; try again"
                    + " later", null);
        }
        return challenge;
    }

    /** A new challenge for the account; an open one it had ends (superseded). The id is shown here only. */
    private SessionService.SecondFactorRequired challenge(SessionRepository.Account account, TwoFactorMode method,
            String codeHash, byte[] webauthnChallenge, String clientIp, SessionService.TotpEnrollment enrollment,
            String sentTo) {
        repository.endChallenges(account.id(), ChallengeEnd.SUPERSEDED);
        String id = Secrets.newSecret();
        Instant expiresAt = clock.instant().plus(settings.challengeTtl());
        repository.openChallenge(UUID.randomUUID(), SecretHashes.sha256(id), account.workspaceId(), account.id(), method,
                codeHash, webauthnChallenge, clientIp, expiresAt);
        return new SessionService.SecondFactorRequired(id, method, expiresAt, enrollment, sentTo, null, null);
    }

    /** The open challenge behind the id, locked for this transaction; an expired one ends here. */
    Optional<SecondFactorRepository.Challenge> open(String challengeId) {
        if (challengeId == null || challengeId.length() > 100) {
            return Optional.empty();
        }
        Optional<SecondFactorRepository.Challenge> challenge =
                repository.lockOpenChallenge(SecretHashes.sha256(challengeId));
        if (challenge.isPresent() && !challenge.get().expiresAt().isAfter(clock.instant())) {
            repository.endChallenge(challenge.get().id(), ChallengeEnd.EXPIRED);
            return Optional.empty();
        }
        return challenge;
    }

    /**
     * Whether the code (TOTP, SMS) or the security key's credential (FIDO2) is right; a right TOTP code's time
     * step is spent at once, a new security key is registered, a known one's signature counter advances.
     */
    boolean check(SecondFactorRepository.Challenge challenge, String code, SecurityKeys.Credential credential) {
        if (challenge.method() == TwoFactorMode.FIDO2) {
            return securityKeys.verify(challenge, credential);
        }
        if (code == null || !code.matches("\\d{6}")) {
            return false;
        }
        if (challenge.method() == TwoFactorMode.SMS) {
            return hashes.matches(code, challenge.codeHash());
        }
        Optional<SecondFactorRepository.TotpEnrollment> enrollment = repository.totp(challenge.accountId());
        if (enrollment.isEmpty() || cipher == null) {
            return false;
        }
        byte[] secret = cipher.decrypt(enrollment.get().secretEncrypted(), challenge.accountId());
        OptionalLong step = totp.verify(secret, code, clock.instant(), enrollment.get().lastUsedStep());
        return step.isPresent() && repository.useTotpStep(challenge.accountId(), step.getAsLong());
    }

    /** Counts a wrong code; returns whether the challenge has now ended (too many attempts). */
    boolean countWrong(SecondFactorRepository.Challenge challenge) {
        if (repository.countAttempt(challenge.id()) >= settings.maxAttempts()) {
            repository.endChallenge(challenge.id(), ChallengeEnd.TOO_MANY_ATTEMPTS);
            return true;
        }
        return false;
    }

    void end(SecondFactorRepository.Challenge challenge, ChallengeEnd reason) {
        repository.endChallenge(challenge.id(), reason);
    }

    /**
     * Removes the account's TOTP enrollment or security keys (its next sign-in enrolls anew); false when the
     * account is not in that workspace.
     */
    boolean reset(String workspaceId, UUID accountId, TwoFactorMode mode) {
        if (!repository.accountExists(workspaceId, accountId)) {
            return false;
        }
        if (mode == TwoFactorMode.TOTP) {
            repository.deleteTotp(workspaceId, accountId);
        } else if (mode == TwoFactorMode.FIDO2) {
            repository.deleteSecurityKeys(workspaceId, accountId);
        } else {
            throw new IllegalArgumentException("nothing enrolled for " + mode);
        }
        repository.endChallenges(accountId, ChallengeEnd.reset(mode));
        return true;
    }
}
