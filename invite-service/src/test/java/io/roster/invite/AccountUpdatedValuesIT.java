package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.Permission;
import io.roster.contracts.account.UpdateAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * account.updated.v1 carries the new value of each field an update changed, so that the scheduler sees an edited
 * suspension date, expiration mode or "prevent automatic suspension"; a removed date is named without a value.
 */
@InviteServiceIntegrationTest
class AccountUpdatedValuesIT extends InviteServiceTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Actor UPSTREAM = new Actor(Actor.Kind.UPSTREAM, "hr-system", null);
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void anUpdateCarriesTheNewValuesAndAClearedSuspensionDateIsNamedWithoutOne() {
        String login = "values." + UUID.randomUUID().toString().substring(0, 8);
        String createId = "values-create-" + UUID.randomUUID();
        send(createId, new CreateUser(login, login + "@acme.example", "Grace", "Hopper", "ACTIVE", "en", "10GB",
                "50GB", "PUBLIC", null, null, null, null, null, null, null, null, null, null, null, null, false, null,
                null, null, null, "READ_ONLY", List.of("reports")));
        String accountId = ((AccountCreated) eventFor(createId).payload()).accountId();
        String zone = jdbc.sql("SELECT time_zone FROM invite.workspace WHERE id = 'acme'").query(String.class)
                .single();

        String editId = "values-edit-" + UUID.randomUUID();
        send(editId, update(accountId, "2031-06-30T18:00", "DISABLED", true, "READ_WRITE"));
        AccountUpdated edited = (AccountUpdated) eventFor(editId).payload();
        assertThat(edited.changedFields()).containsExactly("suspensionDate", "expirationMode",
                "preventAutomaticSuspension", "permission");
        Instant suspensionAt = LocalDateTime.parse("2031-06-30T18:00").atZone(ZoneId.of(zone)).toInstant();
        assertThat(edited.newValues()).isEqualTo(new AccountUpdated.NewValues(null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, suspensionAt,
                ExpirationMode.DISABLED, null, true, null, Permission.READ_WRITE, null, null));
        assertThat(jdbc.sql("SELECT suspension_at FROM invite.account WHERE id = ?::uuid").param(accountId)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(suspensionAt);

        String clearId = "values-clear-" + UUID.randomUUID();
        send(clearId, update(accountId, "", null, null, null));
        AccountUpdated cleared = (AccountUpdated) eventFor(clearId).payload();
        assertThat(cleared.changedFields()).containsExactly("suspensionDate");
        assertThat(cleared.newValues().suspensionAt()).as("removed").isNull();
        assertThat(jdbc.sql("SELECT suspension_at IS NULL FROM invite.account WHERE id = ?::uuid").param(accountId)
                .query(Boolean.class).single()).isTrue();

        String otherId = "values-other-" + UUID.randomUUID();
        send(otherId, update(accountId, null, "DEFAULT", null, null));
        AccountUpdated other = (AccountUpdated) eventFor(otherId).payload();
        assertThat(other.changedFields()).as("the date is not named: unchanged").containsExactly("expirationMode");
        assertThat(other.newValues().expirationMode()).isEqualTo(ExpirationMode.DEFAULT);
    }

    private static UpdateAccount update(String accountId, String suspensionDate, String expirationMode,
            Boolean preventAutomaticSuspension, String permission) {
        return new UpdateAccount(accountId, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, suspensionDate, expirationMode, null, preventAutomaticSuspension,
                null, permission, null);
    }

    private void send(String requestId, Payload payload) {
        Envelope<Payload> command = new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(),
                Instant.now(), "acme", requestId, UPSTREAM, payload);
        kafka.send(Topics.ACCOUNT_REQUESTS, command.key(), codec.writeString(command));
    }

    private Envelope<Payload> eventFor(String requestId) {
        Envelope<Payload> event = codec.read(kafka.await(Topics.ACCOUNT_EVENTS,
                r -> r.value().contains("\"" + requestId + "\""), 1, WAIT).get(0).value());
        assertThat(event.type()).as("%s", event.payload()).isNotEqualTo("account.request-rejected.v1");
        return event;
    }
}
