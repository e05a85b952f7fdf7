package io.roster.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.importer.rows.ImportRows;
import io.roster.importer.validation.RowValidator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportContractRowsTest {

    private static final UUID JOB = UUID.fromString("7a1c2f0e-0000-4000-8000-000000000001");
    private static final Actor ACTOR = new Actor(Actor.Kind.IMPORT, JOB.toString(), "198.51.100.7");

    @Test
    void aRowsCommandIsTheOneImportWorkerBuildsFromTheFilesCells() {
        Map<String, String> cells = new HashMap<>();
        ImportFileBenchmark.COLUMNS.forEach(column -> cells.put(column.key(), ImportBenchmark.value(column, 7)));

        Envelope<CreateUser> command = ImportContractRows.command("acme", JOB, ACTOR, 7, Instant.now());

        assertThat(command.payload()).isEqualTo(RowValidator.command(AccountTemplate.USERS, cells));
        assertThat(command.type()).isEqualTo("account.create-user.v1");
        assertThat(command.key()).isEqualTo("acme/user.7");
        assertThat(command.requestId()).isEqualTo(ImportRows.requestId(JOB, 7).toString());
    }

    @Test
    void theAccountIsTypedAsInviteServiceStoresIt() {
        CreateUser user = ImportContractRows.command("acme", JOB, ACTOR, 16, Instant.now()).payload();

        ValidatedAccount account = ImportContractRows.account(user, ZoneOffset.UTC);

        assertThat(account.login()).isEqualTo("user.16");
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.mailLanguage()).isEqualTo(MailLanguage.PT_BR);
        assertThat(account.shareSpaceMax().bytes()).isEqualTo(10L << 30);
        assertThat(account.suspensionAt()).isEqualTo(Instant.parse("2099-12-31T18:00:00Z"));
        assertThat(account.creationNotification()).isFalse();
        assertThat(account.buckets()).isEmpty();
    }

    @Test
    void bucketsTravelAsAnArrayLiteralWithQuotesAndBackslashesEscaped() {
        assertThat(ImportContractRows.arrayLiteral(List.of())).isEqualTo("{}");
        assertThat(ImportContractRows.arrayLiteral(List.of("a", "b\"c", "d\\e"))).isEqualTo("{\"a\",\"b\\\"c\",\"d\\\\e\"}");
    }
}
