package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.UpdateAccount;
import io.roster.messaging.MessagingSupport;
import io.roster.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas are the contract: a command whose fields have the wrong JSON type ({@code "true"} for a boolean, text
 * for a number) is not coerced but refused, and its sender is answered with a rejection naming the fields; a record
 * whose envelope cannot be read goes to the dead-letter topic with the reason.
 */
@InviteServiceIntegrationTest
class MistypedRequestIT extends InviteServiceTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCreateUserWithValuesOfTheWrongTypeIsRejectedNamingEachFieldAndWritesNothing() {
        String login = "mistyped." + UUID.randomUUID().toString().substring(0, 8);
        String requestId = "mistyped-" + UUID.randomUUID();
        Envelope<CreateUser> request = createUser(login, requestId);
        ObjectNode message = (ObjectNode) json.readTree(codec.writeString(request));
        ((ObjectNode) message.get("payload")).put("creationNotification", "true").put("admin", 1)
                .put("idleTimeoutMinutes", "60");
        // Same key, so the same partition: the valid request after it must not be held up.
        kafka.send(Topics.ACCOUNT_REQUESTS, request.key(), json.writeValueAsString(message));
        String afterId = "after-mistyped-" + UUID.randomUUID();
        Envelope<CreateUser> after = createUser(login, afterId);
        kafka.send(Topics.ACCOUNT_REQUESTS, after.key(), codec.writeString(after));

        Envelope<Payload> event = eventsFor(requestId).get(0);
        assertThat(event.type()).isEqualTo("account.request-rejected.v1");
        assertThat(event.workspaceId()).isEqualTo("acme");
        assertThat(event.actor()).isEqualTo(request.actor());
        AccountRequestRejected rejected = (AccountRequestRejected) event.payload();
        assertThat(rejected.requestType()).isEqualTo("account.create-user.v1");
        assertThat(rejected.subject()).isEqualTo(login);
        assertThat(rejected.problems()).containsExactlyInAnyOrder(
                new FieldProblem("creationNotification", "invalid_type", "must be true or false, not text"),
                new FieldProblem("admin", "invalid_type", "must be true or false, not an integer"),
                new FieldProblem("idleTimeoutMinutes", "invalid_type",
                        "must be a whole number (a JSON integer, not text), not text"));

        assertThat(eventsFor(afterId).get(0).type()).as("the next request is handled")
                .isEqualTo("account.created.v1");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login).query(Long.class)
                .single()).as("only the valid request's account").isEqualTo(1);
        assertThat(jdbc.sql("SELECT outcome FROM invite.account_request WHERE request_id = ?").param(requestId)
                .query(String.class).single()).isEqualTo("REJECTED");
        assertThat(kafka.readAll(Topics.deadLetter(Topics.ACCOUNT_REQUESTS),
                r -> r.value() != null && r.value().contains(requestId), Duration.ofSeconds(1))).isEmpty();
    }

    /** HTTP bodies are read as strictly as Kafka records: no coercion, a 400 naming the field, nothing written. */
    @Test
    void aRestCreateUserWithAValueOfTheWrongTypeIsA400NamingTheFieldAndWritesNothing() {
        String login = "mistyped.rest." + UUID.randomUUID().toString().substring(0, 8);
        String user = """
                {"login": "%s", "email": "%s@acme.example", "firstName": "Grace", "lastName": "Hopper",
                 "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false,
                 "permission": "READ_ONLY", "buckets": ["reports"]}""".formatted(login, login);
        String path = "/api/v1/workspaces/acme/accounts/users";
        String admin = "Bearer rk_acme.acme-secret";

        ApiClient.Response quotedBoolean = call("POST", path, admin,
                user.replace("\"creationNotification\": false", "\"creationNotification\": \"true\""));
        ApiClient.Response numberForText = call("POST", path, admin,
                user.replace("\"firstName\": \"Grace\"", "\"firstName\": 5"));
        ApiClient.Response numberForBoolean = call("POST", path, admin,
                user.replace("\"creationNotification\": false", "\"creationNotification\": 1"));
        ApiClient.Response numberInAList = call("POST", path, admin,
                user.replace("\"buckets\": [\"reports\"]", "\"buckets\": [\"reports\", 5]"));

        for (ApiClient.Response answer : List.of(quotedBoolean, numberForText, numberForBoolean, numberInAList)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(quotedBoolean.body().get("detail").asString()).contains("'creationNotification'");
        assertThat(numberForText.body().get("detail").asString()).contains("'firstName'");
        assertThat(numberForBoolean.body().get("detail").asString()).contains("'creationNotification'");
        assertThat(numberInAList.body().get("detail").asString()).contains("'buckets[1]'");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login).query(Long.class)
                .single()).isZero();
        assertThat(call("POST", path, admin, user).status()).as("the same body, well typed").isEqualTo(201);
    }

    @Test
    void aNumberForATextFieldOfAnUpdateIsRejected() {
        String requestId = "mistyped-update-" + UUID.randomUUID();
        Envelope<UpdateAccount> update = new Envelope<>(UUID.randomUUID(), MessageType.UPDATE_ACCOUNT.typeName(),
                Instant.now(), "acme", requestId, new Actor(Actor.Kind.UPSTREAM, "hr-system", null),
                new UpdateAccount(UUID.randomUUID().toString(), null, null, null, null, null, null, null, null, null,
                        null, "Analyst", null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null));
        ObjectNode message = (ObjectNode) json.readTree(codec.writeString(update));
        ((ObjectNode) message.get("payload")).put("zipcode", 75001).put("function", 1.5);
        kafka.send(Topics.ACCOUNT_REQUESTS, update.key(), json.writeValueAsString(message));

        AccountRequestRejected rejected = (AccountRequestRejected) eventsFor(requestId).get(0).payload();
        assertThat(rejected.subject()).isEqualTo(update.payload().accountId());
        assertThat(rejected.problems()).extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("zipcode", "invalid_type"),
                org.assertj.core.groups.Tuple.tuple("function", "invalid_type"));
    }

    @Test
    void aRecordWhoseEnvelopeCannotBeReadGoesToTheDeadLetterTopicWithTheReason() {
        String requestId = "unreadable-envelope-" + UUID.randomUUID();
        Envelope<CreateUser> request = createUser("unreadable." + UUID.randomUUID().toString().substring(0, 8),
                requestId);
        ObjectNode message = (ObjectNode) json.readTree(codec.writeString(request));
        message.put("occurredAt", 1_790_000_000);
        ((ObjectNode) message.get("payload")).put("admin", "true");
        kafka.send(Topics.ACCOUNT_REQUESTS, request.key(), json.writeValueAsString(message));

        ConsumerRecord<String, String> dead = kafka.await(Topics.deadLetter(Topics.ACCOUNT_REQUESTS),
                r -> r.value() != null && r.value().contains(requestId), 1, WAIT).get(0);
        assertThat(KafkaTestClient.header(dead, MessagingSupport.DEAD_LETTER_REASON_HEADER))
                .isEqualTo("missing or non-text 'occurredAt'");
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, r -> r.value().contains(requestId), Duration.ofSeconds(1)))
                .isEmpty();
    }

    private static Envelope<CreateUser> createUser(String login, String requestId) {
        CreateUser user = new CreateUser(login, login + "@acme.example", "Grace", "Hopper", "ACTIVE", "en", null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, true, null, null,
                null, null, "READ_WRITE", List.of("reports"));
        return new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(), Instant.now(), "acme",
                requestId, new Actor(Actor.Kind.UPSTREAM, "hr-system", null), user);
    }

    private List<Envelope<Payload>> eventsFor(String requestId) {
        return kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + requestId + "\""), 1, WAIT)
                .stream().map(r -> codec.read(r.value())).toList();
    }
}
