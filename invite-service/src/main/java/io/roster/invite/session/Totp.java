package io.roster.invite.session;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 time-based one-time passwords (codes from java-otp): 30-second steps, 6 digits, HMAC-SHA-1 — what
 * every authenticator app reads from an {@code otpauth://} URI. A code is accepted for the current step and one
 * step either side (clock drift, typing time), and only for a step later than the last one accepted: a code
 * that was used once is spent, even within its window (RFC 6238 §5.2).
 */
final class Totp {

    /** 160 bits, the HMAC-SHA-1 block the RFC recommends. */
    static final int SECRET_BYTES = 20;
    /** No step accepted yet. */
    static final long NONE_USED = -1;

    private final Duration step;
    private final int digits;
    private final String algorithm;
    private final Pattern format;

    Totp() {
        this(Duration.ofSeconds(30), 6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    }

    Totp(Duration step, int digits, String algorithm) {
        this.step = step;
        this.digits = digits;
        this.algorithm = algorithm;
        this.format = Pattern.compile("\\d{" + digits + "}");
    }

    long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), step.getSeconds());
    }

    String code(byte[] secret, long timeStep) {
        // A generator per call: java-otp's generators hold a Mac, which is not thread-safe.
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(step, digits, algorithm);
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, algorithm),
                    Instant.ofEpochSecond(timeStep * step.getSeconds()), java.util.Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the time step the code belongs to — within one step of {@code now} and later than
     *     {@code lastUsedStep} — or empty when it is wrong, too old, too early or already used
     */
    OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
        if (code == null || !format.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        long found = Long.MIN_VALUE;
        // Every candidate is computed and compared in constant time: the answer's timing tells nothing.
        for (long candidate = current - 1; candidate <= current + 1; candidate++) {
            byte[] expected = code(secret, candidate).getBytes(StandardCharsets.US_ASCII);
            boolean equal = MessageDigest.isEqual(presented, expected);
            if (equal && candidate > lastUsedStep && found == Long.MIN_VALUE) {
                found = candidate;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    static String base32(byte[] secret) {
        return new Base32().encodeAsString(secret).replace("=", "");
    }

    /** The provisioning URI authenticator apps scan (Google Authenticator's Key Uri Format). */
    String otpauthUri(String issuer, String accountName, byte[] secret) {
        String label = encode(issuer) + ":" + encode(accountName);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=" + algorithm.replace("Hmac", "") + "&digits=" + digits + "&period=" + step.getSeconds();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
