package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.messaging.MessagingSupport;
import io.roster.messaging.EnvelopeSerializer;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.Mailboxes;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Create-user commands over Kafka, against the real broker, database and mail server. */
@InviteServiceIntegrationTest
class AccountRequestIT extends InviteServiceTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void goldenSampleRequestCreatesTheAccountPublishesTheEventAndSendsTheMail() throws Exception {
        Envelope<Payload> sample = GoldenSamples.envelope(MessageType.CREATE_USER);
        String requestId = "golden-" + UUID.randomUUID();
        CreateUser payload = (CreateUser) sample.payload();
        publish(new Envelope<>(UUID.randomUUID(), sample.type(), sample.occurredAt(), "acme", requestId,
                sample.actor(), payload));

        Envelope<Payload> event = eventsFor(requestId, 1).get(0);
        assertThat(event.type()).isEqualTo("account.created.v1");
        AccountCreated created = (AccountCreated) event.payload();
        assertThat(created.login()).isEqualTo(payload.login().toLowerCase());
        assertThat(jdbc.sql("SELECT email FROM invite.account WHERE id = ?::uuid").param(created.accountId())
                .query(String.class).single()).isEqualTo(payload.email().toLowerCase());

        String address = payload.email().toLowerCase();
        await().atMost(WAIT).until(() -> Mailboxes.receivedBy(address).length == 1);
        MimeMessage mail = Mailboxes.receivedBy(address)[0];
        assertThat(mail.getMessageID()).isEqualTo("<" + event.eventId() + "@roster>");
        assertThat(mail.getSubject()).isNotBlank();
    }

    @Test
    void theSameRequestPublishedTwiceCreatesOneAccount() {
        String login = "twice." + shortId();
        String requestId = "twice-" + UUID.randomUUID();
        publish(createUser("acme", login, requestId));
        publish(createUser("acme", login, requestId));

        eventsFor(requestId, 1);
        List<ConsumerRecord<String, String>> all = kafka.readAll(Topics.ACCOUNT_EVENTS,
                r -> r.value().contains("\"" + requestId + "\""), Duration.ofSeconds(2));
        assertThat(all).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theCreationMailIsInTheAccountsLanguage() throws Exception {
        String login = "lang." + shortId();
        publish(createUser("acme", login, "lang-" + UUID.randomUUID()));
        await().atMost(WAIT).until(() -> Mailboxes.receivedBy(login + "@acme.example").length == 1);
        MimeMessage mail = Mailboxes.receivedBy(login + "@acme.example")[0];
        assertThat(mail.getSubject()).isEqualTo("Votre compte Roster a été créé");
        assertThat(mail.getContent().toString()).contains("Votre identifiant : " + login);
    }

    @Test
    void anInvalidRequestIsRejectedWithEveryReasonAndWritesNothing() {
        String requestId = "invalid-" + UUID.randomUUID();
        CreateUser bad = new CreateUser("x", "not-an-email", "Ada\r\nBcc: evil@example.com", null, "OPEN", "xx",
                null, null, null, null, null, null, null, "SMS", null, null, null, null, null, null, "31/02/2020",
                null, null, null, null, null, null, null);
        publish(new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(), Instant.now(), "acme",
                requestId, null, bad));

        Envelope<Payload> event = eventsFor(requestId, 1).get(0);
        assertThat(event.type()).isEqualTo("account.request-rejected.v1");
        AccountRequestRejected rejected = (AccountRequestRejected) event.payload();
        assertThat(rejected.problems()).extracting(FieldProblem::field).contains("login", "email", "firstName",
                "lastName", "status", "mailLanguage", "phone", "suspensionDate");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE email = 'not-an-email'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void aDuplicateLoginAndAnExhaustedLicenceCountAreRejected() {
        String login = "dup." + shortId();
        String first = "dup-1-" + UUID.randomUUID();
        String second = "dup-2-" + UUID.randomUUID();
        publish(createUser("acme", login, first));
        eventsFor(first, 1);
        publish(createUser("acme", login, second));
        AccountRequestRejected rejected = (AccountRequestRejected) eventsFor(second, 1).get(0).payload();
        assertThat(rejected.problems()).extracting(FieldProblem::code).containsExactly("duplicate", "duplicate");

        String t1 = "tiny-1-" + UUID.randomUUID();
        String t2 = "tiny-2-" + UUID.randomUUID();
        publish(createUser("tiny", "one." + shortId(), t1));
        String firstTiny = ((AccountCreated) eventsFor(t1, 1).get(0).payload()).accountId();
        publish(createUser("tiny", "two." + shortId(), t2));
        AccountRequestRejected refused = (AccountRequestRejected) eventsFor(t2, 1).get(0).payload();
        assertThat(refused.problems()).extracting(FieldProblem::code).contains("licences_exhausted");

        // closing the first user gives its licence back
        String close = "tiny-close-" + UUID.randomUUID();
        publish(new Envelope<>(UUID.randomUUID(), MessageType.CLOSE_ACCOUNT.typeName(), Instant.now(), "tiny", close,
                null, new io.roster.contracts.account.CloseAccount(firstTiny, "leaving")));
        eventsFor(close, 1);
        String t3 = "tiny-3-" + UUID.randomUUID();
        publish(createUser("tiny", "three." + shortId(), t3));
        assertThat(eventsFor(t3, 1).get(0).type()).isEqualTo("account.created.v1");
        assertThat(jdbc.sql("SELECT licences_used FROM invite.workspace WHERE id = 'tiny'").query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void lifecycleCommandsOverKafkaFollowTheStateMachine() {
        String login = "lifecycle." + shortId();
        String createId = "lc-create-" + UUID.randomUUID();
        publish(createUser("acme", login, createId));
        String accountId = ((AccountCreated) eventsFor(createId, 1).get(0).payload()).accountId();

        String deleteActive = "lc-delete-active-" + UUID.randomUUID();
        publish(command(new io.roster.contracts.account.DeleteAccount(accountId, "test"), deleteActive));
        AccountRequestRejected refused = (AccountRequestRejected) eventsFor(deleteActive, 1).get(0).payload();
        assertThat(refused.problems()).extracting(FieldProblem::code).containsExactly("illegal_transition");

        String suspend = "lc-suspend-" + UUID.randomUUID();
        publish(command(new io.roster.contracts.account.SuspendAccount(accountId, "test"), suspend));
        Envelope<Payload> changed = eventsFor(suspend, 1).get(0);
        assertThat(changed.payload()).isEqualTo(new io.roster.contracts.account.AccountStatusChanged(accountId,
                io.roster.contracts.account.AccountStatus.ACTIVE, io.roster.contracts.account.AccountStatus.INACTIVE,
                "test"));

        String delete = "lc-delete-" + UUID.randomUUID();
        publish(command(new io.roster.contracts.account.DeleteAccount(accountId, "test"), delete));
        assertThat(eventsFor(delete, 1).get(0).type()).isEqualTo("account.deleted.v1");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login).query(Long.class)
                .single()).isZero();

        String unknown = "lc-unknown-" + UUID.randomUUID();
        publish(command(new io.roster.contracts.account.ReactivateAccount(UUID.randomUUID().toString(), null),
                unknown));
        assertThat(((AccountRequestRejected) eventsFor(unknown, 1).get(0).payload()).problems())
                .extracting(FieldProblem::code).containsExactly("not_found");
    }

    @Test
    void invitationsOverKafka() {
        String email = "kafka.invitee." + shortId() + "@acme.example";
        String invite = "kinv-" + UUID.randomUUID();
        publish(command(new io.roster.contracts.account.InviteUsers(List.of(email), false, "READ_ONLY", List.of(),
                "ja"), invite));
        var sent = (io.roster.contracts.invitation.InvitationChanged) eventsFor(invite, 1).get(0).payload();
        assertThat(sent.change()).isEqualTo(io.roster.contracts.invitation.InvitationChanged.Change.SENT);
        await().atMost(WAIT).until(() -> Mailboxes.receivedBy(email).length == 1);

        String cancel = "kcancel-" + UUID.randomUUID();
        publish(command(new io.roster.contracts.invitation.CancelInvitation(sent.invitationId()), cancel));
        assertThat(((io.roster.contracts.invitation.InvitationChanged) eventsFor(cancel, 1).get(0).payload()).change())
                .isEqualTo(io.roster.contracts.invitation.InvitationChanged.Change.CANCELLED);
        String again = "kcancel-again-" + UUID.randomUUID();
        publish(command(new io.roster.contracts.invitation.CancelInvitation(sent.invitationId()), again));
        assertThat(((AccountRequestRejected) eventsFor(again, 1).get(0).payload()).problems())
                .extracting(FieldProblem::code).containsExactly("illegal_transition");
    }

    @Test
    void aRefusedLicenceLeavesNoAccountInvitationEventOrMail() {
        // the licence is taken after the other writes: a refusal must undo them and still record the rejection
        String ws = "full-" + shortId();
        jdbc.sql("INSERT INTO invite.workspace (id, name, plan, licence_count) VALUES (?, 'Full', 'STANDARD', 0)")
                .param(ws).update();
        jdbc.sql("INSERT INTO invite.bucket (workspace_id, name, created_by_kind) VALUES (?, 'reports', 'SYSTEM')")
                .param(ws).update();
        String login = "nolicence." + shortId();
        String create = "full-create-" + UUID.randomUUID();
        publish(createUser(ws, login, create));
        assertThat(((AccountRequestRejected) eventsFor(create, 1).get(0).payload()).problems())
                .extracting(FieldProblem::code).containsExactly("licences_exhausted");

        String email = "nolicence." + shortId() + "@acme.example";
        String invite = "full-invite-" + UUID.randomUUID();
        publish(new Envelope<>(UUID.randomUUID(), MessageType.INVITE_USERS.typeName(), Instant.now(), ws, invite,
                new Actor(Actor.Kind.UPSTREAM, "hr-system", null),
                new io.roster.contracts.account.InviteUsers(List.of(email), false, "READ_ONLY", List.of(), "en")));
        assertThat(((AccountRequestRejected) eventsFor(invite, 1).get(0).payload()).problems())
                .extracting(FieldProblem::code).containsExactly("licences_exhausted");

        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE workspace_id = ?").param(ws)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE workspace_id = ?").param(ws)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM invite.mail_delivery WHERE recipient = ?").param(email)
                .query(Long.class).single()).isZero();
        // Events are read from the topic: the relay deletes outbox rows once the broker has them. The rejections
        // above were published after anything this test's commands could have written, on the same keys.
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS,
                        r -> r.value().contains(login) || r.value().contains(email), Duration.ofSeconds(2)).stream()
                .map(r -> KafkaTestClient.header(r, EnvelopeSerializer.TYPE_HEADER)).toList())
                .doesNotContain(MessageType.ACCOUNT_CREATED.typeName(), MessageType.INVITATION_CHANGED.typeName());
        assertThat(jdbc.sql("SELECT outcome FROM invite.account_request WHERE workspace_id = ? ORDER BY request_id")
                .param(ws).query(String.class).list()).containsExactly("REJECTED", "REJECTED");
        assertThat(jdbc.sql("SELECT licences_used FROM invite.workspace WHERE id = ?").param(ws).query(Integer.class)
                .single()).isZero();
    }

    private Envelope<Payload> command(Payload payload, String requestId) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), Instant.now(), "acme",
                requestId, new Actor(Actor.Kind.UPSTREAM, "hr-system", null), payload);
    }

    @Test
    void aRequestForAnUnknownWorkspaceIsRejected() {
        String requestId = "nows-" + UUID.randomUUID();
        publish(createUser("no-such-workspace", "ghost.user", requestId));
        AccountRequestRejected rejected = (AccountRequestRejected) eventsFor(requestId, 1).get(0).payload();
        assertThat(rejected.problems()).extracting(FieldProblem::code).containsExactly("workspace_unknown");
    }

    @Test
    void aMalformedRequestGoesToTheDeadLetterTopicWithItsReasonAndDoesNotBlockThePartition() {
        String login = "after.poison." + shortId();
        Envelope<CreateUser> valid = createUser("acme", login, "after-poison-" + UUID.randomUUID());
        String marker = UUID.randomUUID().toString();
        // Same key, so the same partition: the valid request queues behind the poison record.
        kafka.send(Topics.ACCOUNT_REQUESTS, valid.key(), "{not json " + marker);
        publish(valid);

        ConsumerRecord<String, String> dead = kafka.await(Topics.deadLetter(Topics.ACCOUNT_REQUESTS),
                r -> r.value() != null && r.value().contains(marker), 1, WAIT).get(0);
        assertThat(KafkaTestClient.header(dead, MessagingSupport.DEAD_LETTER_REASON_HEADER))
                .contains("not valid JSON");
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.ACCOUNT_REQUESTS);

        eventsFor(valid.requestId(), 1);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void anUnknownTypeGoesToTheDeadLetterTopic() {
        String requestId = "unknown-type-" + UUID.randomUUID();
        String json = codec.writeString(createUser("acme", "unknown.type", requestId))
                .replace("account.create-user.v1", "account.create-robot.v1");
        kafka.send(Topics.ACCOUNT_REQUESTS, "acme/unknown.type", json);
        ConsumerRecord<String, String> dead = kafka.await(Topics.deadLetter(Topics.ACCOUNT_REQUESTS),
                r -> r.value() != null && r.value().contains(requestId), 1, WAIT).get(0);
        assertThat(KafkaTestClient.header(dead, MessagingSupport.DEAD_LETTER_REASON_HEADER))
                .contains("unknown message type 'account.create-robot.v1'");
    }

    private Envelope<CreateUser> createUser(String workspace, String login, String requestId) {
        CreateUser user = new CreateUser(login, login + "@acme.example", "Grace", "Hopper", "ACTIVE", "fr", null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, true, null, null,
                null, null, "READ_WRITE", List.of("reports"));
        return new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(), Instant.now(), workspace,
                requestId, new Actor(Actor.Kind.UPSTREAM, "hr-system", null), user);
    }

    private void publish(Envelope<?> envelope) {
        kafka.send(Topics.ACCOUNT_REQUESTS, envelope.key(), codec.writeString(envelope));
    }

    private List<Envelope<Payload>> eventsFor(String requestId, int count) {
        return kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + requestId + "\""), count, WAIT)
                .stream().map(r -> codec.read(r.value())).toList();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

}
