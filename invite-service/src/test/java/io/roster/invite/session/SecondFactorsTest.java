package io.roster.invite.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.invite.InviteProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * An enforced second factor that this installation cannot serve refuses the sign-in with a clear reason; it is
 * never skipped. (These paths stop before any database access; the served paths are in TwoFactorSignInIT.)
 */
class SecondFactorsTest {

    /** No encryption key, no SMS sender: what an installation has before its operator configures either. */
    private final SecondFactors unconfigured = new SecondFactors(null, null,
            new StaticListableBeanFactory().getBeanProvider(SmsSender.class), null, null, new BCryptPasswordEncoder(),
            Clock.systemUTC(), new InviteProperties(2, List.of(), 65536, null,
                    new InviteProperties.Sessions(5, Duration.ofMinutes(15)), null,
                    new InviteProperties.TwoFactor(null, Duration.ofMinutes(5), 5, "Roster", null, null),
                    new InviteProperties.Sms(null, 3, Duration.ofMinutes(10), 500, Duration.ofHours(1))));

    private static SessionRepository.Account account(String tfa, String phone) {
        return new SessionRepository.Account(UUID.randomUUID(), "acme", "ada", AccountStatus.ACTIVE, "hash", null,
                null, false, TwoFactorMode.valueOf(tfa), phone);
    }

    @Test
    void smsWithoutASenderIsAnsweredAsNotConfigured() {
        SessionService.SignIn answer = unconfigured.begin(TwoFactorMode.SMS, account("SMS", "+33 6 12 34 56 78"),
                "192.0.2.1");
        assertThat(answer).isEqualTo(new SessionService.Refused(503, "SMS delivery is not configured for this"
                + " installation; ask the platform operator (roster.invite.sms.mail-gateway-domain)", null));
    }

    @Test
    void smsWithoutAPhoneNumberWaitsForAnAdmin() {
        SessionService.Refused answer = (SessionService.Refused) unconfigured.begin(TwoFactorMode.SMS,
                account("SMS", null), "192.0.2.1");
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.detail()).contains("no mobile phone number");
    }

    @Test
    void totpWithoutAnEncryptionKeyIsAnsweredAsNotConfigured() {
        SessionService.Refused answer = (SessionService.Refused) unconfigured.begin(TwoFactorMode.TOTP,
                account("TOTP", null), "192.0.2.1");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.detail()).contains("roster.invite.tfa.encryption-key");
    }

    @Test
    void noneIsNeverEnforced() {
        assertThat(unconfigured.enforced(account("NONE", null))).isEmpty();
    }
}
