package io.roster.scheduler.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Envelope;
import io.roster.contracts.account.AccountCommand;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.SuspendAccounts;
import io.roster.contracts.account.WarnOfSuspension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How one claimed batch becomes commands: suspensions grouped by workspace, kind and partition, in due order. */
class SweptCommandsTest {

    private static final Instant DUE = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant SET = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant NOW = DUE.plusMillis(400);

    private static Sweeper.Claimed date(String ws, String account, long id) {
        return new Sweeper.Claimed(ws, account, TransitionKind.SUSPENSION_DATE, DUE, null, id, SET, null);
    }

    private static Sweeper.Claimed row(TransitionKind kind, String ws, String account, Instant due, long id) {
        return new Sweeper.Claimed(ws, account, kind, due, kind == TransitionKind.SUSPENSION_WARNING
                ? due.plusSeconds(86_400) : null, id, SET, SET);
    }

    /** Every account of every command, as single suspensions (other commands as they are), in order. */
    private static List<Object> accounts(List<Envelope<AccountCommand>> commands) {
        List<Object> all = new ArrayList<>();
        commands.forEach(c -> {
            if (c.payload() instanceof SuspendAccounts many) {
                all.addAll(many.each());
            } else {
                all.add(c.payload());
            }
        });
        return all;
    }

    @Test
    void suspensionsOfOnePartitionAreOneCommandKeyedByTheFirst() {
        List<Sweeper.Claimed> rows = IntStream.range(0, 200).mapToObj(i -> date("ws", "account-" + i, i)).toList();

        List<Envelope<AccountCommand>> commands = SweptCommands.of(rows, 4, NOW);

        assertThat(commands).hasSizeLessThanOrEqualTo(4).allSatisfy(c -> {
            assertThat(c.type()).isEqualTo("account.suspend-many.v1");
            assertThat(c.occurredAt()).isEqualTo(NOW);
            assertThat(c.actor()).isEqualTo(Sweeper.ACTOR);
            SuspendAccounts many = (SuspendAccounts) c.payload();
            int partition = RequestPartitions.partitionOf(c.key(), 4);
            assertThat(many.accounts()).allSatisfy(s -> assertThat(RequestPartitions.partitionOf("ws/" + s.accountId(),
                    4)).isEqualTo(partition));
            assertThat(c.requestId()).startsWith("scheduler:suspend-many:" + many.accounts().get(0).accountId() + ":"
                    + many.accounts().size() + ":");
        });
        assertThat(accounts(commands)).hasSize(200).doesNotHaveDuplicates()
                .contains(SuspendAccount.atSuspensionDate("account-7", "suspension date reached", DUE, SET));
        assertThat(SweptCommands.of(rows, 4, NOW)).extracting(Envelope::requestId)
                .as("the same suspensions are the same request").isEqualTo(commands.stream().map(Envelope::requestId)
                        .toList());
    }

    @Test
    void withoutThePartitionsOrAloneInItsGroupASuspensionIsItsOwnCommandAsBefore() {
        List<Sweeper.Claimed> rows = List.of(date("ws", "a", 1), date("ws", "b", 2), date("other", "c", 3));

        assertThat(SweptCommands.of(rows, RequestPartitions.UNKNOWN, NOW)).hasSize(3).allSatisfy(c -> {
            assertThat(c.type()).isEqualTo("account.suspend.v1");
            assertThat(c.requestId()).isEqualTo(rows.stream().filter(r -> r.subjectId().equals(c.payload().subject()))
                    .findFirst().orElseThrow().requestId());
        });
        // one partition: a and b together; c alone in its workspace
        List<Envelope<AccountCommand>> one = SweptCommands.of(rows, 1, NOW);
        assertThat(one).extracting(Envelope::type).containsExactly("account.suspend-many.v1", "account.suspend.v1");
    }

    @Test
    void aCommandListsAtMostTheContractsMaximum() {
        List<Sweeper.Claimed> rows = IntStream.range(0, 2500).mapToObj(i -> date("ws", "account-" + i, i)).toList();
        List<Envelope<AccountCommand>> commands = SweptCommands.of(rows, 1, NOW);
        assertThat(commands).extracting(c -> ((SuspendAccounts) c.payload()).accounts().size())
                .containsExactly(1000, 1000, 500);
        assertThat(accounts(commands)).hasSize(2500).doesNotHaveDuplicates();
    }

    @Test
    void anAccountsTransitionsLeaveInDueOrderAcrossKindsAndGroups() {
        Instant earlier = DUE.minusSeconds(60);
        // a's automatic suspension is due, then its suspension date; b's warning in between; each kind its own reason
        List<Sweeper.Claimed> rows = List.of(
                row(TransitionKind.SUSPENSION_DATE, "ws", "a", DUE, 4),
                row(TransitionKind.AUTO_SUSPEND, "ws", "b", earlier, 1),
                row(TransitionKind.AUTO_SUSPEND, "ws", "a", earlier, 2),
                row(TransitionKind.SUSPENSION_WARNING, "ws", "a", earlier.plusSeconds(1), 3),
                row(TransitionKind.SUSPENSION_DATE, "ws", "c", DUE, 5));

        List<Object> inOrder = accounts(SweptCommands.of(rows, 1, NOW));

        assertThat(inOrder).hasSize(5);
        List<String> ofA = inOrder.stream().filter(p -> p instanceof SuspendAccount s ? s.accountId().equals("a")
                : p instanceof WarnOfSuspension w && w.accountId().equals("a"))
                .map(p -> p instanceof WarnOfSuspension ? "warning" : ((SuspendAccount) p).idleSince() != null
                        ? "automatic" : "date").toList();
        assertThat(ofA).containsExactly("automatic", "warning", "date");
    }
}
