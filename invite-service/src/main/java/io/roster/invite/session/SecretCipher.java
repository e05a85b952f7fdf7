package io.roster.invite.session;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for TOTP secrets at rest, with the server-side key {@code roster.invite.tfa.encryption-key} (Base64
 * of 16, 24 or 32 bytes). The secret has to be read back to check codes, so it cannot be hashed; encrypted, a
 * copy of the database alone does not let anyone compute a user's codes. The account id is the associated data:
 * a ciphertext moved to another account's row does not decrypt.
 */
final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretCipher(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("roster.invite.tfa.encryption-key must be Base64", e);
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException("roster.invite.tfa.encryption-key must be the Base64 of 16, 24 or 32"
                    + " bytes (AES), not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** nonce ‖ ciphertext ‖ tag */
    byte[] encrypt(byte[] plain, UUID accountId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(accountId));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalStateException when the data was not sealed with this key for this account */
    byte[] decrypt(byte[] data, UUID accountId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(aad(accountId));
            return cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a TOTP secret does not decrypt: was roster.invite.tfa.encryption-key"
                    + " changed?", e);
        }
    }

    private static byte[] aad(UUID accountId) {
        return ByteBuffer.allocate(16).putLong(accountId.getMostSignificantBits())
                .putLong(accountId.getLeastSignificantBits()).array();
    }
}
