package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.access.RevokeAccessKey;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.workspace.UpdateWorkspaceSettings;
import io.roster.messaging.MessagingSupport;
import io.roster.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Schema-valid commands a hostile sender publishes, through the real broker: each gets an
 * {@code account.request-rejected.v1} naming the field — never a retried failure ending on the dead-letter topic —
 * and nothing is written. A request id that is blank cannot be answered and goes to the dead-letter topic at once.
 */
@InviteServiceIntegrationTest
class HostileKafkaIT extends InviteServiceTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EnvelopeCodec codec = new EnvelopeCodec();

    private static Envelope<CreateUser> createUser(String workspace, String login, String requestId,
            String suspensionDate) {
        CreateUser user = new CreateUser(login, "hostile." + UUID.randomUUID().toString().substring(0, 8)
                + "@acme.example", "Eve", "Hostile", "ACTIVE", "en", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, suspensionDate, false, null, null, null, null, "READ_WRITE",
                List.of("reports"));
        return new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(), Instant.now(), workspace,
                requestId, new Actor(Actor.Kind.UPSTREAM, "hostile", null), user);
    }

    private void publish(String key, Envelope<?> envelope) {
        kafka.send(Topics.ACCOUNT_REQUESTS, key, codec.writeString(envelope));
    }

    private AccountRequestRejected rejection(String marker) {
        Envelope<Payload> event = codec.read(kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(marker), 1,
                WAIT).get(0).value());
        assertThat(event.type()).isEqualTo("account.request-rejected.v1");
        return (AccountRequestRejected) event.payload();
    }

    private void assertNotDeadLettered(String marker) {
        assertThat(kafka.readAll(Topics.deadLetter(Topics.ACCOUNT_REQUESTS),
                r -> r.value() != null && r.value().contains(marker), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void nulInTheLoginIsRejectedNamingTheLogin() {
        String requestId = "nul-login-" + UUID.randomUUID();
        publish("acme/nul", createUser("acme", "eve\u0000hostile", requestId, null));
        assertThat(rejection(requestId).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .contains(org.assertj.core.groups.Tuple.tuple("login", "control_character"));
        assertNotDeadLettered(requestId);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login LIKE 'eve%hostile'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void nulInTheRequestIdIsAnsweredUnderItsPrintableForm() {
        String marker = "nul-request-" + UUID.randomUUID();
        String login = "nul.request." + UUID.randomUUID().toString().substring(0, 8);
        publish("acme/" + login, createUser("acme", login, marker + "\u0000", null));
        ConsumerRecord<String, String> answer = kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(marker), 1,
                WAIT).get(0);
        Envelope<Payload> event = codec.read(answer.value());
        assertThat(event.requestId()).isEqualTo(marker + "\uFFFD");
        assertThat(((AccountRequestRejected) event.payload()).problems()).extracting(FieldProblem::field)
                .containsExactly("requestId");
        assertNotDeadLettered(marker);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login).query(Long.class)
                .single()).isZero();
        // A redelivery is recognised under the same printable id: one answer, not two.
        publish("acme/" + login, createUser("acme", login, marker + "\u0000", null));
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, r -> r.value().contains(marker), Duration.ofSeconds(3)))
                .hasSize(1);
    }

    @Test
    void nulInTheWorkspaceIdIsRejectedNamingIt() {
        String requestId = "nul-workspace-" + UUID.randomUUID();
        publish("acme/nul", createUser("ac\u0000me", "nul.workspace", requestId, null));
        Envelope<Payload> event = codec.read(kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(requestId), 1,
                WAIT).get(0).value());
        assertThat(event.workspaceId()).isEqualTo("ac\uFFFDme");
        assertThat(((AccountRequestRejected) event.payload()).problems()).extracting(FieldProblem::field)
                .containsExactly("workspaceId");
        assertNotDeadLettered(requestId);
    }

    @Test
    void aYearBeyondTheRangeIsRejectedNamingTheSuspensionDate() {
        String requestId = "far-year-" + UUID.randomUUID();
        String login = "far.year." + UUID.randomUUID().toString().substring(0, 8);
        publish("acme/" + login, createUser("acme", login, requestId, "+99999-01-01T00:00"));
        assertThat(rejection(requestId).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("suspensionDate", "out_of_range"));
        assertNotDeadLettered(requestId);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login).query(Long.class)
                .single()).isZero();
    }

    @Test
    void anIdleTimeoutBeyondAnIntIsRejectedNamingTheField() {
        String requestId = "huge-idle-" + UUID.randomUUID();
        Envelope<UpdateWorkspaceSettings> settings = new Envelope<>(UUID.randomUUID(),
                MessageType.UPDATE_WORKSPACE_SETTINGS.typeName(), Instant.now(), "other", requestId,
                new Actor(Actor.Kind.UPSTREAM, "hostile", null),
                new UpdateWorkspaceSettings("WORKSPACE_SETS", 1234, null, null));
        kafka.send(Topics.ACCOUNT_REQUESTS, settings.key(),
                codec.writeString(settings).replace("1234", "10000000000"));
        assertThat(rejection(requestId).problems()).extracting(FieldProblem::field).containsExactly("idleTimeoutMinutes");
        assertNotDeadLettered(requestId);
        assertThat(jdbc.sql("SELECT idle_timeout_minutes FROM invite.workspace WHERE id = 'other'").query(Integer.class)
                .single()).isNotEqualTo(1234);
    }

    @Test
    void nulInAKeyIdToRevokeIsRejectedNamingIt() {
        String requestId = "nul-key-" + UUID.randomUUID();
        Envelope<RevokeAccessKey> revoke = new Envelope<>(UUID.randomUUID(), MessageType.REVOKE_ACCESS_KEY.typeName(),
                Instant.now(), "other", requestId, new Actor(Actor.Kind.UPSTREAM, "hostile", null),
                new RevokeAccessKey("rk_other\u0000"));
        publish("other/rk_other", revoke);
        assertThat(rejection(requestId).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("keyId", "invalid_format"));
        assertNotDeadLettered(requestId);
    }

    @Test
    void aBlankRequestIdGoesToTheDeadLetterTopicAtOnceAndThePartitionMovesOn() {
        String marker = "blank-request-" + UUID.randomUUID();
        String login = "blank.request." + UUID.randomUUID().toString().substring(0, 8);
        String blank = codec.writeString(createUser("acme", login, "PLACEHOLDER", marker))
                .replace("\"PLACEHOLDER\"", "\" \"");
        // The same key, so the same partition: the valid command waits behind the blank one.
        kafka.send(Topics.ACCOUNT_REQUESTS, "acme/" + login, blank);
        String next = "after-blank-" + UUID.randomUUID();
        publish("acme/" + login, createUser("acme", login, next, null));

        ConsumerRecord<String, String> dead = kafka.await(Topics.deadLetter(Topics.ACCOUNT_REQUESTS),
                r -> r.value() != null && r.value().contains(marker), 1, WAIT).get(0);
        assertThat(KafkaTestClient.header(dead, MessagingSupport.DEAD_LETTER_REASON_HEADER)).contains("requestId");
        assertThat(kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(next), 1, WAIT).get(0).value())
                .contains("account.created.v1");
    }
}
