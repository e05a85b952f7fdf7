package io.roster.invite.pipeline;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What identifies a request beside its id: the SHA-256 of its type and of its payload as canonical JSON
 * (properties and map keys sorted), so that a replay — from Kafka or with the same {@code Idempotency-Key} — has
 * the fingerprint of the first delivery, and any other request (another type, path or body) has another.
 */
final class Fingerprints {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Fingerprints() {
    }

    /** One digest per thread, reset by each {@code digest()}: looking SHA-256 up among the providers costs more. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    static byte[] of(Envelope<? extends Payload> command) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        sha256.update(command.type().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        // the canonical JSON streamed into the digest as the generator fills its buffer: no copy of it is kept
        CANONICAL.writeValue(new DigestStream(sha256), command.payload());
        return sha256.digest();
    }

    /** Bytes written to it go into the digest. */
    private static final class DigestStream extends OutputStream {

        private final MessageDigest digest;

        DigestStream(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }
    }
}
