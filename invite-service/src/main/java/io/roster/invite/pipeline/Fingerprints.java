package io.roster.invite.pipeline;

import io.roster.contracts.Envelope;
import io.roster.contracts.InstantText;
import io.roster.contracts.Payload;
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
            // the instants' text as Jackson's own serializer writes it (a fingerprint never changes), for less CPU
            .addModule(InstantText.module())
            .build();

    private Fingerprints() {
    }

    static byte[] of(Envelope<? extends Payload> command) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(command.type().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            return sha256.digest(CANONICAL.writeValueAsBytes(command.payload()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
