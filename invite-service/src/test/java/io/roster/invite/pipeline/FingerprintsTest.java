package io.roster.invite.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.SuspendAccounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fingerprint is kept in the request log and compared with a later replay's, possibly by a later version: the
 * value must stay what it always was, SHA-256 of the type, a newline and the payload as canonical JSON.
 */
class FingerprintsTest {

    private static final CreateUser USER = new CreateUser("ann.lee", "ann.lee@example.com", "Ann", "Lee", "ACTIVE",
            "en", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, false,
            null, null, null, null, "READ_ONLY", List.of("team-a", "team-b"));

    @Test
    void aCreateUserHasTheFingerprintItAlwaysHad() {
        assertThat(HexFormat.of().formatHex(Fingerprints.of(command(USER))))
                .isEqualTo(HexFormat.of().formatHex(reference(command(USER))))
                .isEqualTo(GOLDEN_CREATE_USER);
    }

    @Test
    void everyKindOfPayloadIsDigestedAsTheCanonicalJsonOfBefore() throws Exception {
        var suspend = command(new SuspendAccount(UUID.nameUUIDFromBytes(new byte[] {1}).toString(), "left",
                Instant.parse("2026-01-02T03:04:05Z"), null, Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(Fingerprints.of(suspend)).isEqualTo(reference(suspend));
    }

    @Test
    void theInstantsOfABatchAreDigestedAsJacksonWroteThem() {
        List<SuspendAccounts.Suspension> accounts = List.of(
                new SuspendAccounts.Suspension("a", null, Instant.parse("2026-12-01T08:00:00Z"),
                        Instant.parse("2026-11-23T09:00:00.123456Z")),
                new SuspendAccounts.Suspension("b", Instant.parse("2026-10-01T00:00:00.120Z"), null, null),
                new SuspendAccounts.Suspension("c", null, Instant.parse("0999-01-01T00:00:00.000000001Z"),
                        Instant.ofEpochSecond(253_402_300_800L)));
        var batch = command(new SuspendAccounts("suspension date reached", accounts));
        assertThat(Fingerprints.of(batch)).isEqualTo(reference(batch));
    }

    @Test
    void anotherCommandBetweenTwoOfTheSameDoesNotChangeTheirs() {
        byte[] first = Fingerprints.of(command(USER));
        Fingerprints.of(command(new SuspendAccount("x", "y")));
        assertThat(Fingerprints.of(command(USER))).isEqualTo(first);
    }

    private static final String GOLDEN_CREATE_USER =
            "49751b5834638ef968da0ead34e56b3a56aa1ab04be863bca509eb183e2cf328";

    private static Envelope<?> command(io.roster.contracts.Payload payload) {
        return new Envelope<>(UUID.nameUUIDFromBytes(new byte[] {7}), MessageType.of(payload).typeName(),
                Instant.parse("2026-12-05T00:00:00Z"), "ws", "req-1", new Actor(Actor.Kind.UPSTREAM, "test", null),
                payload);
    }

    /** The definition, written out apart from Fingerprints: a faster way to compute it must give the same bytes. */
    private static byte[] reference(Envelope<?> command) {
        try {
            JsonMapper canonical = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(command.type().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            return sha256.digest(canonical.writeValueAsBytes(command.payload()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
