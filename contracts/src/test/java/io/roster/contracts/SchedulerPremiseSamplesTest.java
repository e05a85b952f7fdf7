package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import io.roster.contracts.account.CloseAccount;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.SuspendAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler's commands carry their premise in optional fields of v1 ({@code scheduler-samples/}): they validate
 * against the same schemas as the admin's commands (the golden samples, without those fields) and round-trip through
 * the codec; the fields come out as the records say.
 */
class SchedulerPremiseSamplesTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final JsonMapper mapper = JsonMapper.builder().build();

    private static String json(String name) {
        try (InputStream in = SchedulerPremiseSamplesTest.class.getResourceAsStream("/scheduler-samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"account.suspend.v1.idle.json", "account.suspend.v1.date.json", "account.close.v1.json"})
    void validatesAgainstTheV1SchemaAndRoundTrips(String name) {
        String json = json(name);
        Envelope<Payload> envelope = codec.read(json);
        assertThat(GoldenSamplesTest.schema(MessageType.of(envelope.payload())).validate(json, InputFormat.JSON))
                .isEmpty();
        assertThat(mapper.readTree(codec.write(envelope))).isEqualTo(mapper.readTree(json));
        if (envelope.payload() instanceof SuspendAccount s && name.contains("idle")) {
            assertThat(s.idleSince()).isEqualTo(Instant.parse("2026-08-02T09:00:00Z"));
            assertThat(s.suspensionDate()).isNull();
        } else if (envelope.payload() instanceof SuspendAccount s) {
            assertThat(s.suspensionDate()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
            assertThat(s.scheduledFrom()).isEqualTo(Instant.parse("2026-11-23T09:00:00.123456Z"));
            assertThat(s.idleSince()).isNull();
        } else {
            assertThat(((CloseAccount) envelope.payload()).suspendedSince())
                    .isEqualTo(Instant.parse("2026-11-30T09:00:01Z"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"account.suspend.v1.idle.json", "account.close.v1.json"})
    void theAdminsFormWithoutPremiseStillReads(String name) {
        MessageType type = MessageType.of(codec.read(json(name)).payload());
        Payload admin = GoldenSamples.envelope(type).payload();
        assertThat(admin).isInstanceOfAny(SuspendAccount.class, CloseAccount.class);
        if (admin instanceof SuspendAccount s) {
            assertThat(s).isEqualTo(new SuspendAccount(s.accountId(), s.reason()));
        } else {
            CloseAccount c = (CloseAccount) admin;
            assertThat(c).isEqualTo(new CloseAccount(c.accountId(), c.reason()));
        }
    }

    @org.junit.jupiter.api.Test
    void aBatchOfSuspensionsIsItsAccountsEachAsTheSingleCommandSaysIt() {
        Envelope<Payload> batch = GoldenSamples.envelope(MessageType.SUSPEND_ACCOUNTS);
        SuspendAccounts many = (SuspendAccounts) batch.payload();
        assertThat(many.each()).containsExactly(
                SuspendAccount.atSuspensionDate("8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69", "suspension date reached",
                        Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-11-23T09:00:00.123456Z")),
                SuspendAccount.atSuspensionDate("c9f0f895-fb98-4b91-8f1f-2c3d4e5f6a7b", "suspension date reached",
                        Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-11-24T10:30:00Z")));
        assertThat(batch.key()).as("keyed by its first account").isEqualTo("acme/8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69");
        SuspendAccount idle = SuspendAccount.idleSince("a", "idle", Instant.parse("2026-08-02T09:00:00Z"));
        assertThat(SuspendAccounts.Suspension.of(idle).alone("idle")).isEqualTo(idle);
        assertThat(new SuspendAccounts("r", java.util.List.of()).subject()).isEqualTo("accounts");
    }
}
