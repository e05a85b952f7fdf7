package io.roster.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.imports.ImportCompleted;
import io.roster.importer.file.RawXlsx;
import io.roster.importer.rows.ImportRows;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Upload, checks, dry run, apply and its outcomes, over HTTP and Kafka as invite-service would answer. */
class ImportJobsIT extends ImporterIT {

    private static String imports(String ws) {
        return "/api/v1/workspaces/" + ws + "/imports";
    }

    private List<org.assertj.core.groups.Tuple> errors(String ws, String key, String id) {
        JsonNode page = api.json(imports(ws) + "/" + id + "/errors?size=1000", key);
        return page.get("items").valueStream()
                .map(e -> tuple(e.get("row").asLong(), e.get("column").isNull() ? null : e.get("column").asString(),
                        e.get("code").asString()))
                .toList();
    }

    @Test
    void aDryRunReportsEveryCellErrorAndWritesNoAccount() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        fixtures.account(ws, AccountType.USER, "taken.login", "someone@example.com", "Some", "One");

        HttpResponse<String> accepted = api.upload(ws, key, "type=USERS&mode=DRY_RUN", "users.csv", csv(USERS_HEADER,
                "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,NO,,YES",
                "Hopper,Grace,grace@example.com,SLEEPING,grace.hopper,en,,,MAYBE,,NO",
                "Turing,Alan,ADA@example.com,ACTIVE,alan.turing,en,,,,,",
                "Existing,Erin,erin@example.com,ACTIVE,Taken.Login,en,,,,,",
                "Curie,Marie,marie@example.com,ACTIVE,marie.curie,en,,,,31/02/2030/10:00,",
                "Noether,Emmy,,ACTIVE,emmy.noether,en,,,,,",
                "Franklin,Rosalind,rosalind@example.com,ACTIVE,rosalind.franklin,en,,,,,"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode job = ImportApi.JSON.readTree(accepted.body());
        String id = job.get("id").asString();
        assertThat(accepted.headers().firstValue("Location")).contains(imports(ws) + "/" + id);

        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(7);
        assertThat(done.get("rowsValid").asLong()).isEqualTo(2);
        assertThat(done.get("rowsInvalid").asLong()).isEqualTo(5);
        assertThat(done.get("rowsApplied").asLong()).isZero();
        assertThat(errors(ws, key, id)).containsExactlyInAnyOrder(
                tuple(2L, "STATUS", "invalid_value"),
                tuple(2L, "MODIFICATION_PREVENTION", "invalid_value"),
                tuple(3L, "EMAIL", "duplicate_in_file"),
                tuple(4L, "LOGIN", "duplicate"),
                tuple(5L, "SUSPENSION_DATE", "invalid_format"),
                tuple(6L, "EMAIL", "required"));
        JsonNode duplicate = api.json(imports(ws) + "/" + id + "/errors", key).get("items").valueStream()
                .filter(e -> e.get("code").asString().equals("duplicate_in_file")).findFirst().orElseThrow();
        assertThat(duplicate.get("message").asString()).contains("row 1");
        assertThat(duplicate.get("value").asString()).isEqualTo("ADA@example.com");

        // a dry run stores no row that no file-level check can refuse (row 7: its keys are its own), and no request
        // id; the rows sharing a key with another row or an existing account are read again from the file and
        // stored with their cells (row 1, the first ada@example.com, stays valid); then the file is dropped
        assertThat(jdbc.sql("SELECT row_no FROM importer.import_row WHERE job_id = ?::uuid ORDER BY row_no")
                .param(id).query(Long.class).list()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(jdbc.sql("SELECT state || ' ' || (request_id IS NULL) || ' ' || array_to_string(cells, '|')"
                + " FROM importer.import_row WHERE job_id = ?::uuid AND row_no = 1").param(id).query(String.class)
                .single()).startsWith("VALID true ").contains("Lovelace", "ada@example.com");
        assertThat(jdbc.sql("SELECT count(*) FROM importer.import_row_keys WHERE job_id = ?::uuid").param(id)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT array_to_string(cells, '|') FROM importer.import_row"
                + " WHERE job_id = ?::uuid AND row_no = 3").param(id).query(String.class).single())
                .contains("Turing", "Alan", "ADA@example.com", "alan.turing");
        assertThat(jdbc.sql("SELECT array_to_string(cells, '|') FROM importer.import_row"
                + " WHERE job_id = ?::uuid AND row_no = 4").param(id).query(String.class).single())
                .contains("Existing", "Taken.Login");
        awaitFileDropped(id);

        // the failed rows as a workbook to fix and upload again
        HttpResponse<String> workbook = api.get(imports(ws) + "/" + id + "/errors.xlsx", key);
        assertThat(workbook.statusCode()).isEqualTo(200);
        assertThat(workbook.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assertThat(workbook.body()).startsWith("PK");

        // nothing was sent to invite-service; the end is announced
        assertThat(jdbc.sql("SELECT count(*) FROM importer.import_row WHERE job_id = ?::uuid AND state = 'APPLIED'")
                .param(id).query(Long.class).single()).isZero();
        ConsumerRecord<String, String> completed = kafka.await(Topics.ACTIVITY,
                r -> r.key().equals(ws + "/" + id), 1, Duration.ofSeconds(30)).get(0);
        Envelope<Payload> event = ImporterFixtures.CODEC.read(completed.value());
        assertThat(event.payload()).isInstanceOfSatisfying(ImportCompleted.class, c -> {
            assertThat(c.mode()).isEqualTo(ImportCompleted.Mode.DRY_RUN);
            assertThat(c.rowsInvalid()).isEqualTo(5);
            assertThat(c.accountsCreated()).isZero();
        });
        assertThat(kafka.readAll(Topics.ACCOUNT_REQUESTS, r -> r.key().startsWith(ws + "/"),
                Duration.ofSeconds(1))).isEmpty();
    }

    /**
     * A file of a few rows in a workspace of many accounts (more than 40 a row) is read again for its keys, looked up
     * through the projection's indexes instead of every account streamed: the same errors.
     */
    @Test
    void aSmallDryRunInALargeWorkspaceFindsTheAccountsItsRowsMeet() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 1000);
        String key = fixtures.adminKey(ws);
        jdbc.sql("""
                INSERT INTO importer.known_account (workspace_id, account_id, type, login, email, status)
                SELECT ?, 'seeded-' || i, 'USER', 'seeded.' || i, 'seeded' || i || '@example.com', 'ACTIVE'
                FROM generate_series(1, 200) AS i""").param(ws).update();
        fixtures.account(ws, AccountType.USER, "taken.login", "someone@example.com", "Some", "One");
        fixtures.account(ws, AccountType.USER, "someone.else", "taken@example.com", "Some", "Else");

        String id = ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS&mode=DRY_RUN", "users.csv",
                csv(USERS_HEADER, "Existing,Erin,erin@example.com,ACTIVE,Taken.Login,en,,,,,",
                        "Lovelace,Ada,TAKEN@example.com,ACTIVE,ada.lovelace,en,,,,,",
                        "Hopper,Grace,grace@example.com,ACTIVE,seeded.7x,en,,,,,")).body()).get("id").asString();

        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("rowsValid").asLong()).isEqualTo(1);
        assertThat(errors(ws, key, id)).containsExactlyInAnyOrder(
                tuple(1L, "LOGIN", "duplicate"),
                tuple(2L, "EMAIL", "duplicate"));
    }

    /**
     * An XLSX read over several slices, left open between them (its part inflated on a thread of its own); what stops
     * the reading ends the job with the reader's error, in whatever slice it falls: the sheet's XML broken after its
     * first rows, a zip bomb found by the inflating thread.
     */
    @Test
    void anXlsxIsReadOverItsSlicesAndWhatStopsItsParseEndsTheJob() throws Exception {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        StringBuilder rows = new StringBuilder(RawXlsx.row(1, USERS_HEADER.split(",")));
        for (int r = 2; r <= 31; r++) {
            rows.append(RawXlsx.row(r, "Name" + r, "First", "user" + r + "@example.com", r == 9 ? "SLEEPING" : "ACTIVE",
                    "user." + r, "en"));
        }
        String good = dryRun(ws, key, RawXlsx.of(null, "<sheetData>" + rows + "</sheetData>").bytes());
        JsonNode done = awaitPhase(ws, key, good, "COMPLETED");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(30);
        assertThat(done.get("rowsValid").asLong()).isEqualTo(29);
        assertThat(errors(ws, key, good)).containsExactly(tuple(8L, "STATUS", "invalid_value"));

        String broken = dryRun(ws, key, RawXlsx.of(null, "<sheetData>" + rows + "<row r=\"32\"><c></row>"
                + "</sheetData>").bytes());
        JsonNode failed = awaitPhase(ws, key, broken, "FAILED");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("corrupt_file");
        assertThat(failed.get("rowsRead").asLong()).as("the slices read before it").isEqualTo(28);

        // megabytes of blanks between two rows: a few kilobytes zipped
        String bomb = dryRun(ws, key, RawXlsx.of(null, "<sheetData>" + rows + " ".repeat(4 << 20)
                + RawXlsx.row(32, "Last") + "</sheetData>").bytes());
        JsonNode bombed = awaitPhase(ws, key, bomb, "FAILED");
        assertThat(bombed.get("error").get("code").asString()).isEqualTo("zip_bomb");
        assertThat(bombed.get("rowsRead").asLong()).isEqualTo(28);
    }

    private String dryRun(String ws, String key, byte[] xlsx) {
        HttpResponse<String> accepted = api.upload(ws, key, "type=USERS&mode=DRY_RUN", "users.xlsx", xlsx);
        assertThat(accepted.statusCode()).isEqualTo(202);
        return ImportApi.JSON.readTree(accepted.body()).get("id").asString();
    }

    @Test
    void validRowsBecomeCommandsTheJobCompletesFromTheirOutcomesAndTheSameFileAgainCreatesNothing() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        byte[] file = csv(USERS_HEADER,
                "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,NO,,YES",
                "Hopper,Grace,grace@example.com,ACTIVE,grace.hopper,en,,,,,NO",
                "Bad,Row,not-an-address,ACTIVE,bad.row,en,,,,,",
                "Turing,Alan,alan@example.com,ACTIVE,alan.turing,en,,,,,");
        String id = ImportApi.JSON.readTree(api.upload(ws, key, "type=users", "users.csv", file).body())
                .get("id").asString();

        List<Envelope<Payload>> commands = kafka.await(Topics.ACCOUNT_REQUESTS, r -> r.key().startsWith(ws + "/"), 3,
                Duration.ofSeconds(30)).stream().map(r -> ImporterFixtures.CODEC.read(r.value()))
                .sorted(Comparator.comparing(e -> ((CreateUser) e.payload()).login())).toList();
        assertThat(commands).extracting(e -> ((CreateUser) e.payload()).login())
                .containsExactly("ada.lovelace", "alan.turing", "grace.hopper");
        assertThat(commands).extracting(Envelope::requestId).containsExactly(
                ImportRows.requestId(UUID.fromString(id), 1).toString(),
                ImportRows.requestId(UUID.fromString(id), 4).toString(),
                ImportRows.requestId(UUID.fromString(id), 2).toString());
        assertThat(commands).extracting(e -> ((CreateUser) e.payload()).creationNotification())
                .containsExactly(true, null, false);
        assertThat(commands).allSatisfy(c -> assertThat(c.type()).isEqualTo("account.create-user.v1"));
        assertThat(api.json(imports(ws) + "/" + id, key).get("phase").asString()).isEqualTo("AWAITING_OUTCOMES");
        // its rows are stored: the file went once it was read, before the job's end
        awaitFileDropped(id);

        // invite-service answers: two created; Alan's login was taken meanwhile by another account
        fixtures.created(ws, commands.get(0).requestId(), UUID.randomUUID().toString(), AccountType.USER,
                "ada.lovelace", "ada@example.com", "Ada", "Lovelace");
        fixtures.created(ws, commands.get(2).requestId(), UUID.randomUUID().toString(), AccountType.USER,
                "grace.hopper", "grace@example.com", "Grace", "Hopper");
        fixtures.account(ws, AccountType.USER, "alan.turing", "other-alan@example.com", "Alan", "Other");
        fixtures.publish(Topics.ACCOUNT_EVENTS, ws, commands.get(1).requestId(), new AccountRequestRejected(
                "account.create-user.v1", "alan.turing", List.of(new FieldProblem("login", "duplicate",
                        "an account with this login already exists"))));

        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("rowsApplied").asLong()).isEqualTo(3);
        assertThat(done.get("accountsCreated").asLong()).isEqualTo(2);
        assertThat(done.get("rowsFailed").asLong()).isEqualTo(1);
        assertThat(errors(ws, key, id)).containsExactlyInAnyOrder(
                tuple(3L, "EMAIL", "invalid_format"),
                tuple(4L, "LOGIN", "duplicate"));

        // the same file again: every row already exists, each says so, nothing is sent
        String again = ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS", "users.csv", file).body())
                .get("id").asString();
        JsonNode second = awaitPhase(ws, key, again, "COMPLETED");
        assertThat(second.get("rowsValid").asLong()).isZero();
        assertThat(second.get("rowsApplied").asLong()).isZero();
        assertThat(errors(ws, key, again)).contains(
                tuple(1L, "EMAIL", "duplicate"), tuple(1L, "LOGIN", "duplicate"),
                tuple(2L, "EMAIL", "duplicate"), tuple(2L, "LOGIN", "duplicate"),
                tuple(4L, "LOGIN", "duplicate"));
    }

    /**
     * A valid row whose command the producer refuses for good (over {@code max.request.size}, 8 KB in these tests,
     * 1 MB by default) would be refused however often sent: it fails as {@code not_sent} with the reason, the rows
     * around it are sent, and the job completes instead of retrying the slice forever.
     */
    @Test
    void aRowWhoseCommandIsTooLargeToSendFailsAsNotSentAndTheOthersAreApplied() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        String biography = "\u8a9e".repeat(4000); // valid (4000 characters at most), 12 KB in UTF-8
        byte[] file = csv(USERS_HEADER + ",BIOGRAPHY",
                "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,,,,",
                "Babbage,Charles,charles@example.com,ACTIVE,charles.babbage,en,,,,,," + biography,
                "Hopper,Grace,grace@example.com,ACTIVE,grace.hopper,en,,,,,,short");
        HttpResponse<String> upload = api.upload(ws, key, "type=USERS", "users.csv", file);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        String id = ImportApi.JSON.readTree(upload.body()).get("id").asString();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode job = api.json(imports(ws) + "/" + id, key);
            assertThat(job.get("phase").asString()).as(job.toString()).isEqualTo("AWAITING_OUTCOMES");
        });

        List<Envelope<Payload>> commands = kafka.await(Topics.ACCOUNT_REQUESTS, r -> r.key().startsWith(ws + "/"), 2,
                Duration.ofSeconds(30)).stream().map(r -> ImporterFixtures.CODEC.read(r.value()))
                .sorted(Comparator.comparing(e -> ((CreateUser) e.payload()).login())).toList();
        assertThat(commands).extracting(e -> ((CreateUser) e.payload()).login())
                .containsExactly("ada.lovelace", "grace.hopper");
        fixtures.created(ws, commands.get(0).requestId(), UUID.randomUUID().toString(), AccountType.USER,
                "ada.lovelace", "ada@example.com", "Ada", "Lovelace");
        fixtures.created(ws, commands.get(1).requestId(), UUID.randomUUID().toString(), AccountType.USER,
                "grace.hopper", "grace@example.com", "Grace", "Hopper");

        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("rowsValid").asLong()).isEqualTo(3);
        assertThat(done.get("rowsApplied").asLong()).isEqualTo(3);
        assertThat(done.get("accountsCreated").asLong()).isEqualTo(2);
        assertThat(done.get("rowsFailed").asLong()).isEqualTo(1);
        assertThat(errors(ws, key, id)).containsExactly(tuple(2L, null, "not_sent"));
        JsonNode error = api.json(imports(ws) + "/" + id + "/errors", key).get("items").get(0);
        assertThat(error.get("message").asString()).contains("RecordTooLargeException", "shorten its longest cells");
        assertThat(jdbc.sql("SELECT state FROM importer.import_row WHERE job_id = ?::uuid AND row_no = 2")
                .param(id).query(String.class).single()).isEqualTo("REJECTED");
        assertThat(kafka.readAll(Topics.ACCOUNT_REQUESTS, r -> r.key().startsWith(ws + "/"), Duration.ofSeconds(1)))
                .hasSize(2);
    }

    @Test
    void anAtomicImportWithAnInvalidRowAppliesNothing() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        String id = ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS&mode=IMPORT&atomic=true", "users.csv",
                csv(USERS_HEADER, "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,,,",
                        "Hopper,Grace,grace@example.com,ACTIVE,grace.hopper,xx,,,,,")).body()).get("id").asString();
        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("rowsValid").asLong()).isEqualTo(1);
        assertThat(done.get("rowsApplied").asLong()).isZero();
        assertThat(done.get("warnings").valueStream().map(w -> w.get("code").asString()))
                .contains("atomic_nothing_applied");
        assertThat(errors(ws, key, id)).containsExactly(tuple(2L, "MAIL_LANGUAGE", "invalid_value"));
    }

    @Test
    void contactsNeedAnExistingUserAsOwnerWithItsNames() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        fixtures.account(ws, AccountType.USER, "ada.lovelace", "ada@example.com", "Ada", "Lovelace");
        fixtures.account(ws, AccountType.CONTACT, "bob.contact", "bob@example.com", "Bob", "Contact");
        String header = "OWNER_LOGIN,LASTNAME,FIRSTNAME,EMAIL,STATUS,VISIBILITY_SCOPE,MAIL_LANGUAGE,OWNER_FIRSTNAME,"
                + "OWNER_LASTNAME";
        String id = ImportApi.JSON.readTree(api.upload(ws, key, "type=CONTACTS&mode=DRY_RUN", "contacts.csv",
                csv(header, "ada.lovelace,Doe,John,john@example.com,ACTIVE,PUBLIC,en,ada,LOVELACE",
                        "nobody.here,Doe,Jane,jane@example.com,ACTIVE,PUBLIC,en,,",
                        "bob.contact,Roe,Rick,rick@example.com,ACTIVE,PRIVATE,en,,",
                        "Ada.Lovelace,Poe,Edgar,edgar@example.com,ACTIVE,PRIVATE,en,Ada,Byron")).body())
                .get("id").asString();
        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("rowsValid").asLong()).isEqualTo(1);
        assertThat(errors(ws, key, id)).containsExactlyInAnyOrder(
                tuple(2L, "OWNER_LOGIN", "owner_unknown"),
                tuple(3L, "OWNER_LOGIN", "owner_unknown"),
                tuple(4L, "OWNER_LASTNAME", "owner_mismatch"));
    }

    @Test
    void aUsersImportBeyondTheLicencesSaysSoBeforeApplying() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 2);
        String key = fixtures.adminKey(ws);
        fixtures.account(ws, AccountType.USER, "first.user", "first@example.com", "First", "User");
        String id = ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS&mode=DRY_RUN", "users.csv",
                csv(USERS_HEADER, "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,,,",
                        "Hopper,Grace,grace@example.com,CLOSED,grace.hopper,en,,,,,",
                        "Turing,Alan,alan@example.com,ACTIVE,alan.turing,en,,,,,")).body()).get("id").asString();
        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(errors(ws, key, id)).containsExactly(tuple(3L, null, "licences_exhausted"));
        assertThat(done.get("warnings").valueStream().map(w -> w.get("code").asString()))
                .contains("licences_exceeded");
    }

    @Test
    void anotherWorkspacesKeyFindsNothingAndBadRequestsAreProblems() {
        String a = ImporterFixtures.newWorkspace();
        String b = ImporterFixtures.newWorkspace();
        fixtures.workspace(a, 10);
        String keyA = fixtures.adminKey(a);
        String keyB = fixtures.adminKey(b);
        byte[] file = csv(USERS_HEADER, "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,,,");
        assertThat(api.upload(a, keyB, "type=USERS&mode=DRY_RUN", "u.csv", file).statusCode()).isEqualTo(404);
        assertThat(api.upload(a, "rk_nobody.secret", "type=USERS", "u.csv", file).statusCode()).isEqualTo(401);
        String id = ImportApi.JSON.readTree(api.upload(a, keyA, "type=USERS&mode=DRY_RUN", "u.csv", file).body())
                .get("id").asString();
        awaitPhase(a, keyA, id, "COMPLETED");
        assertThat(api.get(imports(a) + "/" + id, keyB).statusCode()).isEqualTo(404);
        assertThat(api.get(imports(b) + "/" + id, keyB).statusCode()).isEqualTo(404);
        assertThat(api.get(imports(b) + "/" + id + "/errors", keyB).statusCode()).isEqualTo(404);
        assertThat(api.json(imports(b), keyB).get("total").asLong()).isZero();
        assertThat(api.json(imports(a), keyA).get("items").get(0).get("id").asString()).isEqualTo(id);

        HttpResponse<String> noType = api.upload(a, keyA, "mode=DRY_RUN", "u.csv", file);
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(noType.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(noType.body()).contains("USERS, CONTACTS");
        HttpResponse<String> tooLarge = api.upload(a, keyA, "type=USERS", "big.csv", new byte[400 * 1024]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("262144 bytes");
    }
}
