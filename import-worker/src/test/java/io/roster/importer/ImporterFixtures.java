package io.roster.importer;

import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.contracts.workspace.IdleTimeoutPolicy;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.workspace.WorkspacePlan;
import io.roster.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What invite-service would announce, published as it does, and awaited until import-worker has applied it. */
public final class ImporterFixtures {

    public static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private final KafkaTestClient kafka;
    private final JdbcClient jdbc;

    public ImporterFixtures(KafkaTestClient kafka, JdbcClient jdbc) {
        this.kafka = kafka;
        this.jdbc = jdbc;
    }

    public static String newWorkspace() {
        return "ws-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A workspace with these licences, no application enabled, in Europe/Paris. */
    public void workspace(String workspace, int licences) {
        publish(Topics.WORKSPACES, workspace, new WorkspaceFacts(workspace, WorkspacePlan.values()[0], licences,
                "Europe/Paris", List.of(), List.of(TwoFactorMode.NONE), IdleTimeoutPolicy.values()[0], 30, true,
                false));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM importer.workspace_facts WHERE workspace_id = ?").param(workspace)
                .query(Long.class).single() == 1);
    }

    /** A fresh admin key of the workspace, known to import-worker when this returns; its whole token. */
    public String adminKey(String workspace) {
        String keyId = "rk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        publish(Topics.ACCESS_KEYS, workspace, new AccessKeyIssued(keyId, "test", sha256Hex(secret), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM importer.access_key WHERE id = ?").param(keyId).query(Long.class).single() == 1);
        return keyId + "." + secret;
    }

    /** An existing account, as invite-service announces its creation; known to import-worker when this returns. */
    public String account(String workspace, AccountType type, String login, String email, String first,
            String last) {
        String id = UUID.randomUUID().toString();
        created(workspace, "existing-" + id, id, type, login, email, first, last);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM importer.known_account WHERE account_id = ?").param(id)
                .query(Long.class).single() == 1);
        return id;
    }

    /** invite-service's answer to a create command: the account created. */
    public void created(String workspace, String requestId, String accountId, AccountType type, String login,
            String email, String first, String last) {
        publish(Topics.ACCOUNT_EVENTS, workspace, requestId, new AccountCreated(accountId, type, login, email, first,
                last, AccountStatus.ACTIVE, MailLanguage.EN, false, null, null, ExpirationMode.DEFAULT, false, false,
                Permission.READ_ONLY, List.of()));
    }

    /**
     * Each row's outcome in file order: its stored state, or CREATED for a row a creation answered — the row itself
     * stays as it was sent (VALID), its account's projection row (or, once deleted, its mark) carrying its request id.
     */
    public List<String> rowOutcomes(String jobId) {
        return jdbc.sql("""
                SELECT CASE WHEN r.state IN ('VALID', 'APPLIED') AND (
                        EXISTS (SELECT 1 FROM importer.known_account k
                            WHERE k.workspace_id = j.workspace_id AND k.request_id = r.request_id)
                        OR EXISTS (SELECT 1 FROM importer.known_account_gone g
                            WHERE g.workspace_id = j.workspace_id AND g.request_id = r.request_id))
                    THEN 'CREATED' ELSE r.state END
                FROM importer.import_row r JOIN importer.import_job j ON j.id = r.job_id
                WHERE r.job_id = ?::uuid ORDER BY r.row_no""").param(jobId).query(String.class).list();
    }

    public void publish(String topic, String workspace, Payload payload) {
        publish(topic, workspace, "req-" + UUID.randomUUID(), payload);
    }

    public void publish(String topic, String workspace, String requestId, Payload payload) {
        Envelope<Payload> event = new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(),
                Instant.now(), workspace, requestId, Actor.system("invite-service"), payload);
        kafka.send(topic, event.key(), CODEC.writeString(event));
    }

    static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
