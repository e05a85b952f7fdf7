package io.roster.invite.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED = ("1234567890".repeat(6) + "1234").getBytes(StandardCharsets.US_ASCII);

    private final Totp totp = new Totp();

    /** RFC 6238 Appendix B: every test vector, 8 digits, for the three algorithms. */
    @ParameterizedTest
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
        assertThat(code(SHA1_SEED, "HmacSHA1", time)).isEqualTo(sha1);
        assertThat(code(SHA256_SEED, "HmacSHA256", time)).isEqualTo(sha256);
        assertThat(code(SHA512_SEED, "HmacSHA512", time)).isEqualTo(sha512);
    }

    private static String code(byte[] seed, String algorithm, long time) {
        Totp eightDigits = new Totp(Duration.ofSeconds(30), 8, algorithm);
        return eightDigits.code(seed, eightDigits.stepAt(Instant.ofEpochSecond(time)));
    }

    @Test
    void theDefaultIsSixDigitsOfHmacSha1InThirtySecondSteps() {
        // The last six digits of the RFC's SHA-1 vector at T = 1111111109.
        assertThat(totp.code(SHA1_SEED, totp.stepAt(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(totp.stepAt(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(totp.stepAt(Instant.ofEpochSecond(60))).isEqualTo(2);
    }

    @Test
    void acceptsTheCurrentStepAndOneStepEitherSideOnly() {
        Instant now = Instant.ofEpochSecond(1_800_000_015);
        long current = totp.stepAt(now);
        for (long step = current - 1; step <= current + 1; step++) {
            assertThat(totp.verify(SHA1_SEED, totp.code(SHA1_SEED, step), now, Totp.NONE_USED)).hasValue(step);
        }
        assertThat(totp.verify(SHA1_SEED, totp.code(SHA1_SEED, current - 2), now, Totp.NONE_USED)).isEmpty();
        assertThat(totp.verify(SHA1_SEED, totp.code(SHA1_SEED, current + 2), now, Totp.NONE_USED)).isEmpty();
        // 30 s later the previous step's code still works, the one before it no longer does.
        assertThat(totp.verify(SHA1_SEED, totp.code(SHA1_SEED, current), now.plusSeconds(30), Totp.NONE_USED))
                .hasValue(current);
        assertThat(totp.verify(SHA1_SEED, totp.code(SHA1_SEED, current - 1), now.plusSeconds(30), Totp.NONE_USED))
                .isEmpty();
    }

    @Test
    void aUsedCodeIsSpentAndSoIsEveryEarlierStep() {
        Instant now = Instant.ofEpochSecond(1_800_000_015);
        long current = totp.stepAt(now);
        String code = totp.code(SHA1_SEED, current);
        assertThat(totp.verify(SHA1_SEED, code, now, Totp.NONE_USED)).hasValue(current);
        assertThat(totp.verify(SHA1_SEED, code, now, current)).isEmpty();
        assertThat(totp.verify(SHA1_SEED, totp.code(SHA1_SEED, current - 1), now, current)).isEmpty();
        assertThat(totp.verify(SHA1_SEED, totp.code(SHA1_SEED, current + 1), now, current)).hasValue(current + 1);
    }

    @Test
    void refusesAnythingButSixDigits() {
        Instant now = Instant.ofEpochSecond(1_800_000_015);
        String code = totp.code(SHA1_SEED, totp.stepAt(now));
        assertThat(totp.verify(SHA1_SEED, null, now, Totp.NONE_USED)).isEmpty();
        assertThat(totp.verify(SHA1_SEED, "", now, Totp.NONE_USED)).isEmpty();
        assertThat(totp.verify(SHA1_SEED, " " + code, now, Totp.NONE_USED)).isEmpty();
        assertThat(totp.verify(SHA1_SEED, code + "0", now, Totp.NONE_USED)).isEmpty();
        assertThat(totp.verify("another-secret-value".getBytes(StandardCharsets.US_ASCII), code, now,
                Totp.NONE_USED)).isEmpty();
    }

    @Test
    void theProvisioningUriCarriesTheBase32SecretAndTheParameters() {
        String uri = totp.otpauthUri("Roster acme", "grace.hopper", SHA1_SEED);
        assertThat(uri).isEqualTo("otpauth://totp/Roster%20acme:grace.hopper?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Roster%20acme&algorithm=SHA1&digits=6&period=30");
        assertThat(new Base32().decode(Totp.base32(SHA1_SEED))).isEqualTo(SHA1_SEED);
    }

    @Test
    void secretsAreSealedForOneAccountWithTheConfiguredKey() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        SecretCipher cipher = new SecretCipher(key);
        UUID account = UUID.randomUUID();
        byte[] sealed = cipher.encrypt(SHA1_SEED, account);
        assertThat(sealed).hasSize(12 + SHA1_SEED.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(SHA1_SEED, StandardCharsets.ISO_8859_1));
        assertThat(cipher.decrypt(sealed, account)).isEqualTo(SHA1_SEED);
        assertThat(cipher.encrypt(SHA1_SEED, account)).isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.decrypt(sealed, UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        SecretCipher otherCipher = new SecretCipher(Base64.getEncoder().encodeToString(otherKey));
        assertThatThrownBy(() -> otherCipher.decrypt(sealed, account))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher("c2hvcnQ=")).hasMessageContaining("16, 24 or 32 bytes");
    }
}
