package io.roster.scheduler;

import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.contracts.account.SuspendAccounts;
import io.roster.scheduler.app.SuspensionSchedulerApplication;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructure;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * suspension-scheduler alone on the real broker and database, its clock moved by the tests; every test class extending
 * this one shares the context. Events are published as invite-service publishes them, and the commands are read back
 * from the scheduler's outbox (and from Kafka where the relay matters).
 */
@SpringBootTest(classes = {SuspensionSchedulerApplication.class, SchedulerTestConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "roster.scheduler.sweep-interval=200ms")
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public abstract class SchedulerIntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final EnvelopeCodec CODEC = new EnvelopeCodec();
    protected static KafkaTestClient kafka;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    @Qualifier("schedulerClock")
    protected MutableClock clock;

    /** The scheduler's consumer group (its default name): its committed offsets say what it has consumed. */
    private static final String CONSUMER_GROUP = "roster-suspension-scheduler";
    private static Admin admin;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().kafka().bootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
        admin.close();
    }

    protected static String newWorkspace() {
        return "ws-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String newAccount() {
        return UUID.randomUUID().toString();
    }

    protected static Envelope<Payload> event(String workspaceId, Payload payload, Instant occurredAt) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), occurredAt, workspaceId,
                "req-" + UUID.randomUUID(), Actor.system("invite-service"), payload);
    }

    /** Publishes the event on its topic. */
    protected static Envelope<Payload> publish(Envelope<Payload> event) {
        send(event);
        return event;
    }

    private static RecordMetadata send(Envelope<Payload> event) {
        return kafka.send(MessageType.byName(event.type()).orElseThrow().topic(), event.key(),
                CODEC.writeString(event));
    }

    /**
     * Publishes the event and waits until the scheduler has consumed it (applied or, being old or known, ignored): its
     * offsets, which it commits after its transaction, are past the record.
     */
    protected Envelope<Payload> applied(Envelope<Payload> event) {
        RecordMetadata sent = send(event);
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        await().atMost(WAIT).until(() -> committedOffset(partition) > sent.offset());
        return event;
    }

    private static long committedOffset(TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(CONSUMER_GROUP).partitionsToOffsetAndMetadata()
                .get().get(partition);
        return committed == null ? -1 : committed.offset();
    }

    protected static AccountCreated created(String accountId, AccountStatus status, Instant suspensionAt) {
        return new AccountCreated(accountId, AccountType.USER, "login." + accountId.substring(0, 8),
                accountId.substring(0, 8) + "@acme.example", "Ada", "Lovelace", status, MailLanguage.EN, false, null,
                suspensionAt, ExpirationMode.DEFAULT, false, false, Permission.READ_ONLY, List.of());
    }

    /** An update that set (or, with null, removed) the suspension date, as invite-service announces it. */
    protected static AccountUpdated suspensionDateSet(String accountId, Instant suspensionAt) {
        return new AccountUpdated(accountId, List.of("suspensionDate"), new AccountUpdated.NewValues(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, suspensionAt, null, null, null, null, null, null, null, null));
    }

    /** The pending suspension-date transition of the account. */
    protected Optional<Instant> dueSuspension(String workspaceId, String accountId) {
        return jdbc.sql("SELECT due_at FROM scheduler.due_transition WHERE workspace_id = ? AND subject_id = ?"
                        + " AND kind = 'SUSPENSION_DATE'")
                .params(workspaceId, accountId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /**
     * The commands the scheduler published for the workspace so far, as relayed to {@code roster.account.requests}
     * (the relay deletes outbox rows once the broker has them).
     */
    protected static List<Envelope<Payload>> commands(String workspaceId) {
        return CommandCollector.INSTANCE.records().stream().filter(r -> r.key().startsWith(workspaceId + "/"))
                .map(r -> CODEC.read(r.value())).flatMap(SchedulerIntegrationTest::eachAccount).toList();
    }

    /**
     * A command as one command per account: an {@code account.suspend-many.v1} as its accounts' suspensions, each in
     * an envelope of the batch's (its type and request id); any other command as it is.
     */
    protected static java.util.stream.Stream<Envelope<Payload>> eachAccount(Envelope<Payload> command) {
        if (!(command.payload() instanceof SuspendAccounts many)) {
            return java.util.stream.Stream.of(command);
        }
        return many.each().stream().map(single -> new Envelope<Payload>(command.eventId(), command.type(),
                command.occurredAt(), command.workspaceId(), command.requestId(), command.actor(), single));
    }

    protected long dueRows(String workspaceId) {
        return jdbc.sql("SELECT count(*) FROM scheduler.due_transition WHERE workspace_id = ?")
                .param(workspaceId).query(Long.class).single();
    }

    /** Inserts {@code count} suspension-date rows of the workspace due at {@code dueAt}, in one statement. */
    protected void insertDue(String workspaceId, int count, Instant dueAt) {
        jdbc.sql("""
                INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version)
                SELECT ?, 'account-' || n, 'SUSPENSION_DATE', ?, ? FROM generate_series(1, ?) AS n""")
                .params(workspaceId, Timestamp.from(dueAt), Timestamp.from(dueAt), count)
                .update();
    }

    /** A fresh admin key of the workspace, known to the scheduler when this returns; its whole token. */
    protected String adminKey(String workspaceId) {
        String keyId = "rk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        publish(event(workspaceId, new AccessKeyIssued(keyId, "test", sha256Hex(secret), Instant.now()),
                Instant.now()));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM scheduler.access_key WHERE id = ?")
                .param(keyId).query(Long.class).single() == 1);
        return keyId + "." + secret;
    }

    private static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
