package io.roster.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.contracts.account.UserTemplateColumn;
import io.roster.importer.file.FailedRow;
import io.roster.importer.rows.ImportRows;
import io.roster.importer.rows.RequestIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/** Rows stored and read back as typed; invite-service's answers, however often delivered, counted once. */
class ImportOutcomesIT extends ImporterIT {

    private static final String HEADER = USERS_HEADER + ",BIOGRAPHY";
    private static final String ODD = "{\"quoted\",braces} \\N NULL C:\\dir\\ ;'";

    @Autowired
    ImportRows rows;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

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

    /**
     * The error workbook's pages: the failed rows after a row, {@code limit} at a time, read by ranges of row numbers
     * however sparse the failures — a range holding more than a page leaves the rest to the next page.
     */
    @Test
    void failedRowsComeInPagesOfTheirLimitInRowOrder() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        Set<Integer> invalid = Set.of(3, 4, 5, 11, 29);
        String[] lines = new String[30];
        for (int row = 1; row <= lines.length; row++) {
            lines[row - 1] = "Last" + row + ",First," + (invalid.contains(row) ? "not-an-address-" + row : "u" + row
                    + "@example.com") + ",ACTIVE,user." + row + ",en,,,,,NO,bio";
        }
        String id = upload(ws, key, "DRY_RUN", lines);
        awaitPhase(ws, key, id, "COMPLETED");

        UUID job = UUID.fromString(id);
        List<List<Long>> pages = new ArrayList<>();
        long after = 0;
        List<FailedRow> page;
        do {
            page = rows.failedRows(job, AccountTemplate.USERS, after, 2);
            pages.add(page.stream().map(FailedRow::row).toList());
            assertThat(page).allSatisfy(row -> {
                assertThat(row.values()).containsEntry(UserTemplateColumn.EMAIL, "not-an-address-" + row.row());
                assertThat(row.errors()).singleElement().satisfies(error -> {
                    assertThat(error.column()).isEqualTo(UserTemplateColumn.EMAIL);
                    assertThat(error.code()).isEqualTo("invalid_format");
                });
            });
            after = page.isEmpty() ? after : page.get(page.size() - 1).row();
        } while (page.size() == 2);
        assertThat(pages).containsExactly(List.of(3L, 4L), List.of(5L, 11L), List.of(29L));
        assertThat(rows.failedRows(job, AccountTemplate.USERS, 29, 2)).isEmpty();
        assertThat(rows.failedRows(job, AccountTemplate.USERS, 2, 10)).extracting(FailedRow::row)
                .containsExactly(3L, 4L, 5L, 11L, 29L);
    }

    @Test
    void eachAnswerCountsOnceHoweverOftenItIsDelivered() {
        AdaAndGrace imported = importAdaAndGrace();
        String ws = imported.workspace();

        // Ada's answer redelivered as is, then sent again under another event id; her status changed right after
        String ada = UUID.randomUUID().toString();
        Envelope<Payload> created = new Envelope<>(UUID.randomUUID(), "account.created.v1", Instant.now(), ws,
                imported.adaRequest(), Actor.system("invite-service"), created(ada, "ada.lovelace",
                        "ada@example.com"));
        kafka.send(Topics.ACCOUNT_EVENTS, created.key(), ImporterFixtures.CODEC.writeString(created));
        kafka.send(Topics.ACCOUNT_EVENTS, created.key(), ImporterFixtures.CODEC.writeString(created));
        fixtures.created(ws, imported.adaRequest(), ada, AccountType.USER, "ada.lovelace", "ada@example.com",
                "Ada", "Lovelace");
        AccountStatusChanged suspended = new AccountStatusChanged(ada, AccountStatus.ACTIVE, AccountStatus.CLOSED,
                null);
        Envelope<Payload> change = new Envelope<>(UUID.randomUUID(), MessageType.of(suspended).typeName(),
                Instant.now(), ws, "req-" + UUID.randomUUID(), Actor.system("invite-service"), suspended);
        kafka.send(Topics.ACCOUNT_EVENTS, change.key(), ImporterFixtures.CODEC.writeString(change));
        fixtures.created(ws, imported.graceRequest(), UUID.randomUUID().toString(), AccountType.USER,
                "grace.hopper", "grace@example.com", "Grace", "Hopper");

        JsonNode done = awaitPhase(ws, imported.key(), imported.jobId(), "COMPLETED");
        assertThat(done.get("accountsCreated").asLong()).isEqualTo(2);
        assertThat(done.get("rowsFailed").asLong()).isZero();
        assertThat(jdbc.sql("SELECT login || ':' || status FROM importer.known_account WHERE workspace_id = ?"
                + " ORDER BY login").param(ws).query(String.class).list())
                .containsExactly("ada.lovelace:CLOSED", "grace.hopper:ACTIVE");
        assertThat(fixtures.rowOutcomes(imported.jobId())).containsExactly("CREATED", "CREATED");
    }

    /**
     * Answers match a row by workspace and request id, and the first answer to a row counts: another workspace's
     * request under the same id (its request log is its own) answers no row of ours, and a refusal that follows a
     * row's creation in the same poll (a conflicting replay under its id) does not undo it.
     */
    @Test
    void answersCountForTheirWorkspaceOnlyAndTheFirstAnswerToARowWins() {
        AdaAndGrace imported = importAdaAndGrace();
        String ws = imported.workspace();
        String adaRequest = imported.adaRequest();
        String graceRequest = imported.graceRequest();

        MessageListenerContainer listener = listeners.getListenerContainer("import-worker.account-events");
        listener.stop();
        try {
            // Ada: another workspace's account created under her request id, then her own command refused
            send(ImporterFixtures.newWorkspace(), adaRequest, "k-ada",
                    created(UUID.randomUUID().toString(), "ada.lovelace", "ada@example.com"));
            send(ws, adaRequest, "k-ada", new AccountRequestRejected("account.create-user.v1", "ada.lovelace",
                    List.of(new FieldProblem("login", "duplicate", "login 'ada.lovelace' is taken"))));
            // Grace: created, then a refusal under the same request id right behind it, in the same poll
            send(ws, graceRequest, "k-grace",
                    created(UUID.randomUUID().toString(), "grace.hopper", "grace@example.com"));
            send(ws, graceRequest, "k-grace", new AccountRequestRejected("account.create-user.v1", "grace.hopper",
                    List.of(new FieldProblem("requestId", "request_id_conflict", "request id used before"))));
        } finally {
            listener.start();
        }

        JsonNode done = awaitPhase(ws, imported.key(), imported.jobId(), "COMPLETED");
        assertThat(done.get("accountsCreated").asLong()).isEqualTo(1);
        assertThat(done.get("rowsFailed").asLong()).isEqualTo(1);
        assertThat(fixtures.rowOutcomes(imported.jobId())).containsExactly("REJECTED", "CREATED");
        assertThat(rows.errors(UUID.fromString(imported.jobId()), 0, 10)).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(1);
            assertThat(error.column()).isEqualTo("LOGIN");
            assertThat(error.code()).isEqualTo("duplicate");
        });
    }

    /**
     * A creation counts for the job its request id names (RequestIds' first 8 bytes, the job's
     * {@code request_prefix}) unless its row is one that can not count: an account created under the id of a row
     * refused first counts nothing; a row staged before RequestIds (a name-based id) is still found by its id.
     */
    @Test
    void aRowRefusedFirstCountsNoLaterCreationAndARowWithANameBasedIdStillCounts() {
        AdaAndGrace imported = importAdaAndGrace();
        String ws = imported.workspace();
        UUID job = UUID.fromString(imported.jobId());
        // the database's prefix of a job is RequestIds': this job's, and any other's
        assertThat(jdbc.sql("SELECT request_prefix FROM importer.import_job WHERE id = ?").param(job)
                .query(byte[].class).single()).isEqualTo(prefix(job));
        UUID[] others = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), new UUID(0, 0), new UUID(-1, -1)};
        assertThat(jdbc.sql("SELECT importer.request_prefix(j) FROM unnest(?::uuid[]) WITH ORDINALITY AS u (j, n)"
                + " ORDER BY n").param(Stream.of(others).map(UUID::toString).toArray(String[]::new))
                .query(byte[].class).list())
                .containsExactly(Stream.of(others).map(ImportOutcomesIT::prefix).toArray(byte[][]::new));
        // Grace's row as a job staged before RequestIds holds it: under a name-based id, which her answer carries
        String graceNameBased = UUID.nameUUIDFromBytes(imported.graceRequest().getBytes(StandardCharsets.UTF_8))
                .toString();
        jdbc.sql("UPDATE importer.import_row SET request_id = ?::uuid WHERE job_id = ? AND request_id = ?::uuid")
                .params(graceNameBased, job, imported.graceRequest()).update();
        String adaAccount = UUID.randomUUID().toString();

        MessageListenerContainer listener = listeners.getListenerContainer("import-worker.account-events");
        listener.stop();
        try {
            // Ada: her command refused, then (a conflicting replay elsewhere) an account created under her id
            send(ws, imported.adaRequest(), "k-ada", new AccountRequestRejected("account.create-user.v1",
                    "ada.lovelace", List.of(new FieldProblem("login", "duplicate", "login 'ada.lovelace' is taken"))));
            send(ws, imported.adaRequest(), "k-ada", created(adaAccount, "ada.lovelace", "ada@example.com"));
            send(ws, graceNameBased, "k-grace",
                    created(UUID.randomUUID().toString(), "grace.hopper", "grace@example.com"));
        } finally {
            listener.start();
        }

        awaitPhase(ws, imported.key(), imported.jobId(), "COMPLETED");
        // the creation behind Ada's refusal is in the projection, so counted or not for good
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM importer.known_account"
                + " WHERE workspace_id = ? AND account_id = ?").params(ws, adaAccount).query(Long.class).single() == 1);
        JsonNode done = api.json("/api/v1/workspaces/" + ws + "/imports/" + imported.jobId(), imported.key());
        assertThat(done.get("accountsCreated").asLong()).isEqualTo(1);
        assertThat(done.get("rowsFailed").asLong()).isEqualTo(1);
        assertThat(fixtures.rowOutcomes(imported.jobId())).containsExactly("REJECTED", "CREATED");
    }

    /**
     * A poll's creations answering a job's rows on both sides of an invalid one count for those rows alone: the
     * statement looks up, in the range of row numbers the poll answers, only the rows that can not count among the
     * poll's own ids — the invalid row between them, never sent, is not one of the poll's answers; an account
     * created under its id anyway (no command of the job carried it) counts nothing.
     */
    @Test
    void creationsAnsweringRowsAroundAnInvalidOneCountForThoseRowsAlone() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        String id = upload(ws, key, "IMPORT",
                "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,,,NO,",
                "Babbage,Charles,not-an-e-mail,ACTIVE,charles.babbage,en,,,,,NO,",
                "Hopper,Grace,grace@example.com,ACTIVE,grace.hopper,en,,,,,NO,");
        List<Envelope<Payload>> commands = kafka.await(Topics.ACCOUNT_REQUESTS, r -> r.key().startsWith(ws + "/"), 2,
                Duration.ofSeconds(30)).stream().map(r -> ImporterFixtures.CODEC.read(r.value()))
                .sorted(Comparator.comparing(e -> ((CreateUser) e.payload()).login())).toList();
        String invalidRequest = jdbc.sql("SELECT request_id::text FROM importer.import_row WHERE job_id = ?::uuid"
                + " AND state = 'INVALID'").param(id).query(String.class).single();

        MessageListenerContainer listener = listeners.getListenerContainer("import-worker.account-events");
        listener.stop();
        try {
            send(ws, commands.get(0).requestId(), "k-rows", created(UUID.randomUUID().toString(), "ada.lovelace",
                    "ada@example.com"));
            send(ws, invalidRequest, "k-rows", created(UUID.randomUUID().toString(), "charles.babbage",
                    "charles@example.com"));
            send(ws, commands.get(1).requestId(), "k-rows", created(UUID.randomUUID().toString(), "grace.hopper",
                    "grace@example.com"));
        } finally {
            listener.start();
        }

        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("accountsCreated").asLong()).isEqualTo(2);
        assertThat(done.get("rowsInvalid").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT login FROM importer.known_account WHERE workspace_id = ? ORDER BY login")
                .param(ws).query(String.class).list())
                .containsExactly("ada.lovelace", "charles.babbage", "grace.hopper");
        assertThat(jdbc.sql("SELECT accounts_created FROM importer.import_job WHERE id = ?::uuid").param(id)
                .query(Long.class).single()).isEqualTo(2);
    }

    /** The first 8 bytes of a job's request ids, as RequestIds lays them out. */
    private static byte[] prefix(UUID job) {
        return ByteBuffer.allocate(8).putLong(RequestIds.of(job).row(1).getMostSignificantBits()).array();
    }

    /** A workspace's import of Ada's and Grace's rows, and the request ids of the two create commands it sent. */
    private record AdaAndGrace(String workspace, String key, String jobId, String adaRequest, String graceRequest) {
    }

    private AdaAndGrace importAdaAndGrace() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        String id = upload(ws, key, "IMPORT",
                "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,,,NO,",
                "Hopper,Grace,grace@example.com,ACTIVE,grace.hopper,en,,,,,NO,");
        List<Envelope<Payload>> commands = kafka.await(Topics.ACCOUNT_REQUESTS, r -> r.key().startsWith(ws + "/"), 2,
                Duration.ofSeconds(30)).stream().map(r -> ImporterFixtures.CODEC.read(r.value()))
                .sorted(Comparator.comparing(e -> ((CreateUser) e.payload()).login())).toList();
        return new AdaAndGrace(ws, key, id, commands.get(0).requestId(), commands.get(1).requestId());
    }

    /** An event as invite-service publishes it, under a Kafka key of the test's choosing (one partition, in order). */
    private void send(String workspace, String requestId, String partitionKey, Payload payload) {
        Envelope<Payload> event = new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(),
                Instant.now(), workspace, requestId, Actor.system("invite-service"), payload);
        kafka.send(Topics.ACCOUNT_EVENTS, partitionKey, ImporterFixtures.CODEC.writeString(event));
    }

    private static AccountCreated created(String id, String login, String email) {
        return new AccountCreated(id, AccountType.USER, login, email, "Ada", "Lovelace", AccountStatus.ACTIVE,
                MailLanguage.EN, false, null, null, ExpirationMode.DEFAULT, false, false, Permission.READ_ONLY,
                List.of());
    }
}
