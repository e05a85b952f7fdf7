package io.roster.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.contracts.account.UserTemplateColumn;
import io.roster.importer.file.FailedRow;
import io.roster.importer.rows.ImportRows;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Rows stored and read back as typed; invite-service's answers, however often delivered, counted once. */
class ImportOutcomesIT extends ImporterIT {

    private static final String HEADER = USERS_HEADER + ",BIOGRAPHY";
    private static final String ODD = "{\"quoted\",braces} \\N NULL C:\\dir\\ ;'";

    @Autowired
    ImportRows rows;

    private String upload(String ws, String key, String mode, String... lines) {
        return ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS&mode=" + mode, "users.csv", csv(HEADER, lines))
                .body()).get("id").asString();
    }

    @Test
    void cellsComeBackExactlyAsTypedWhateverTheirCharacters() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        String quotedOdd = "\"" + ODD.replace("\"", "\"\"") + "\"";
        String id = upload(ws, key, "IMPORT",
                "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,,,NO," + quotedOdd,
                "Bad,Row,not-an-address,ACTIVE,bad.row,en,,,,,,\"two\nlines\tand a tab \\ \"\"quote\"\"\"");

        Envelope<Payload> command = ImporterFixtures.CODEC.read(kafka.await(Topics.ACCOUNT_REQUESTS,
                r -> r.key().startsWith(ws + "/"), 1, Duration.ofSeconds(30)).get(0).value());
        assertThat(((CreateUser) command.payload()).biography()).isEqualTo(ODD);
        List<FailedRow> failed = rows.failedRows(UUID.fromString(id), AccountTemplate.USERS, 0, 10);
        assertThat(failed).singleElement().satisfies(row -> {
            assertThat(row.row()).isEqualTo(2);
            assertThat(row.values()).containsEntry(UserTemplateColumn.EMAIL, "not-an-address")
                    .containsEntry(UserTemplateColumn.BIOGRAPHY, "two\nlines\tand a tab \\ \"quote\"")
                    .doesNotContainKey(UserTemplateColumn.PHONE);
        });
    }

    @Test
    void eachAnswerCountsOnceHoweverOftenItIsDelivered() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        String id = upload(ws, key, "IMPORT",
                "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,,,NO,",
                "Hopper,Grace,grace@example.com,ACTIVE,grace.hopper,en,,,,,NO,");
        List<Envelope<Payload>> commands = kafka.await(Topics.ACCOUNT_REQUESTS, r -> r.key().startsWith(ws + "/"), 2,
                Duration.ofSeconds(30)).stream().map(r -> ImporterFixtures.CODEC.read(r.value()))
                .sorted(Comparator.comparing(e -> ((CreateUser) e.payload()).login())).toList();

        // Ada's answer redelivered as is, then sent again under another event id; her status changed right after
        String ada = UUID.randomUUID().toString();
        Envelope<Payload> created = new Envelope<>(UUID.randomUUID(), "account.created.v1", Instant.now(), ws,
                commands.get(0).requestId(), Actor.system("invite-service"), created(ada, "ada.lovelace",
                        "ada@example.com"));
        kafka.send(Topics.ACCOUNT_EVENTS, created.key(), ImporterFixtures.CODEC.writeString(created));
        kafka.send(Topics.ACCOUNT_EVENTS, created.key(), ImporterFixtures.CODEC.writeString(created));
        fixtures.created(ws, commands.get(0).requestId(), ada, AccountType.USER, "ada.lovelace", "ada@example.com",
                "Ada", "Lovelace");
        AccountStatusChanged suspended = new AccountStatusChanged(ada, AccountStatus.ACTIVE, AccountStatus.CLOSED,
                null);
        Envelope<Payload> change = new Envelope<>(UUID.randomUUID(), MessageType.of(suspended).typeName(),
                Instant.now(), ws, "req-" + UUID.randomUUID(), Actor.system("invite-service"), suspended);
        kafka.send(Topics.ACCOUNT_EVENTS, change.key(), ImporterFixtures.CODEC.writeString(change));
        fixtures.created(ws, commands.get(1).requestId(), UUID.randomUUID().toString(), AccountType.USER,
                "grace.hopper", "grace@example.com", "Grace", "Hopper");

        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("accountsCreated").asLong()).isEqualTo(2);
        assertThat(done.get("rowsFailed").asLong()).isZero();
        assertThat(jdbc.sql("SELECT login || ':' || status FROM importer.known_account WHERE workspace_id = ?"
                + " ORDER BY login").param(ws).query(String.class).list())
                .containsExactly("ada.lovelace:CLOSED", "grace.hopper:ACTIVE");
        assertThat(jdbc.sql("SELECT state FROM importer.import_row WHERE job_id = ?::uuid ORDER BY row_no")
                .param(id).query(String.class).list()).containsExactly("CREATED", "CREATED");
    }

    private static AccountCreated created(String id, String login, String email) {
        return new AccountCreated(id, AccountType.USER, login, email, "Ada", "Lovelace", AccountStatus.ACTIVE,
                MailLanguage.EN, false, null, null, ExpirationMode.DEFAULT, false, false, Permission.READ_ONLY,
                List.of());
    }
}
