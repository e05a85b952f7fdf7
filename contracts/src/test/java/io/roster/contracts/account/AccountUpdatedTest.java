package io.roster.contracts.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** account.updated.v1 carries the new value of each changed field, and a cleared value is told from no change. */
class AccountUpdatedTest {

    private static final WorkspaceRules PARIS = new WorkspaceRules(EnumSet.of(Application.SAVE),
            ZoneId.of("Europe/Paris"), Instant.parse("2026-11-23T09:00:00Z"));
    private final EnvelopeCodec codec = new EnvelopeCodec();

    private static ValidatedAccount user(String suspensionDate, String expirationMode, Boolean preventSuspension) {
        AccountValidator.Result result = AccountValidator.validateUser(new CreateUser("ada.lovelace",
                "Ada.Lovelace@Acme.example", "Ada", "Lovelace", "ACTIVE", "en", null, "2gb", "PUBLIC", null, null, null,
                "Analyst", "totp", null, null, null, null, null, null, suspensionDate, null, expirationMode, null,
                preventSuspension, null, "READ_WRITE", List.of("reports")), PARIS);
        assertThat(result.problems()).isEmpty();
        return result.account();
    }

    @Test
    void theSchedulerReadsTheNewSuspensionDateExpirationModeAndFlagTyped() {
        AccountUpdated updated = AccountUpdated.of("8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69",
                List.of("suspensionDate", "expirationMode", "preventAutomaticSuspension"),
                user("31/12/2030/18:00", "disabled", true));

        AccountUpdated read = (AccountUpdated) roundTrip(updated);

        assertThat(read.newValues().suspensionAt()).isEqualTo(Instant.parse("2030-12-31T17:00:00Z"));
        assertThat(read.newValues().expirationMode()).isEqualTo(ExpirationMode.DISABLED);
        assertThat(read.newValues().preventAutomaticSuspension()).isTrue();
        assertThat(read).isEqualTo(updated);
    }

    @Test
    void onlyTheChangedFieldsCarryAValueNormalizedAsStored() {
        AccountUpdated updated = AccountUpdated.of("id-1", List.of("email", "saveSpaceMax", "tfa"),
                user(null, null, null));
        assertThat(updated.newValues()).isEqualTo(new AccountUpdated.NewValues("ada.lovelace@acme.example", null,
                null, null, null, "2GB", null, null, null, null, null, TwoFactorMode.TOTP, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null));
        String json = codec.writeString(Envelope.of("acme", "r-1", null, updated));
        assertThat(json).contains("\"newValues\":{\"email\":\"ada.lovelace@acme.example\",\"saveSpaceMax\":\"2GB\","
                + "\"tfa\":\"TOTP\"}");
    }

    @Test
    void aClearedSuspensionDateIsNamedWithoutAValueAndAnUnchangedOneIsNotNamed() {
        AccountUpdated cleared = (AccountUpdated) roundTrip(AccountUpdated.of("id-1",
                List.of("suspensionDate", "function"), user("", null, null)));
        AccountUpdated untouched = (AccountUpdated) roundTrip(AccountUpdated.of("id-1", List.of("function"),
                user("31/12/2030/18:00", null, null)));

        assertThat(cleared.changedFields()).contains("suspensionDate");
        assertThat(cleared.newValues().suspensionAt()).isNull();
        assertThat(cleared.newValues().function()).isEqualTo("Analyst");
        assertThat(untouched.changedFields()).doesNotContain("suspensionDate");
        assertThat(untouched.newValues().suspensionAt()).as("not changed, so not carried").isNull();
    }

    @Test
    void aChangeWithoutValuesAndAnEventFromBeforeTheValuesCarryNamesOnly() {
        AccountUpdated reset = new AccountUpdated("id-1", List.of("totpEnrollment"));
        assertThat(codec.writeString(Envelope.of("acme", "r-1", null, reset))).doesNotContain("newValues");
        String old = GoldenSamples.json(MessageType.ACCOUNT_UPDATED)
                .replaceAll("(?s),\\s*\"newValues\": \\{.*?\\}\\s*}", "\n  }");
        assertThat(old).doesNotContain("newValues");
        AccountUpdated read = (AccountUpdated) codec.read(old).payload();
        assertThat(read.newValues()).isNull();
        assertThat(read.changedFields()).contains("function");
    }

    @Test
    void theGoldenSampleCarriesTheValues() {
        AccountUpdated sample = (AccountUpdated) GoldenSamples.envelope(MessageType.ACCOUNT_UPDATED).payload();
        assertThat(sample.changedFields()).contains("suspensionDate", "expirationMode", "preventAutomaticSuspension");
        assertThat(sample.newValues().suspensionAt()).as("the sample removes the date").isNull();
        assertThat(sample.newValues().expirationMode()).isEqualTo(ExpirationMode.DISABLED);
        assertThat(sample.newValues().preventAutomaticSuspension()).isTrue();
    }

    private io.roster.contracts.Payload roundTrip(AccountUpdated updated) {
        return codec.read(codec.write(Envelope.of("acme", "r-1", null, updated))).payload();
    }
}
