package io.roster.audit.chain;

import io.roster.audit.AuditProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs retention and erasure markers with HMAC-SHA256 under {@code roster.audit.marker-key}: whoever can write the
 * table but lacks the key cannot pass a deletion off as retention, nor an alteration as an erasure.
 */
@Component("auditMarkerSigner")
public class MarkerSigner {

    private final SecretKeySpec key;

    MarkerSigner(AuditProperties properties) {
        this.key = new SecretKeySpec(properties.markerKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String sign(String statement) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(statement.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stable pseudonym for a value of a workspace (an address): the same address reads the same in every erased
     * entry, and without the key it cannot be found again by hashing guesses.
     */
    public String pseudonym(String workspaceId, String value) {
        return "anon-" + sign("pseudonym|" + workspaceId + "|" + value).substring(0, 16);
    }

    boolean verify(String statement, String signature) {
        return signature != null && MessageDigest.isEqual(sign(statement).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
