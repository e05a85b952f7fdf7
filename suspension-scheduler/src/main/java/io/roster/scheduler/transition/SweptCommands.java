package io.roster.scheduler.transition;

import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.account.AccountCommand;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.SuspendAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The commands of one claimed batch. Suspensions (a suspension date's, an automatic one's) of one workspace whose
 * accounts' keys fall on the same partition of {@code roster.account.requests} go as one
 * {@code account.suspend-many.v1}, keyed by its first account, so the record is on every one of its accounts' own
 * partition: a million suspensions due the same minute are about a thousandth as many records, outbox rows, relay
 * reads and request-log entries. Every other transition, a suspension alone in its group, and every suspension
 * while the partitions are not known, is its own command as before.
 * <p>
 * Order: the rows are taken in (due instant, id) order; an account's commands must leave in that order. A grouped
 * suspension leaves with its group, after the rows before it; so when an account comes again in the batch (another
 * kind of transition of the same account), the groups gathered so far leave first.
 */
final class SweptCommands {

    private static final Comparator<Sweeper.Claimed> DUE_ORDER =
            Comparator.comparing(Sweeper.Claimed::dueAt).thenComparingLong(Sweeper.Claimed::id);

    private final int partitions;
    private final Instant now;
    private final List<Envelope<AccountCommand>> commands = new ArrayList<>();
    private final Map<Group, List<Member>> open = new LinkedHashMap<>();

    private SweptCommands(int partitions, Instant now) {
        this.partitions = partitions;
        this.now = now;
    }

    /** What the sweep publishes for {@code claimed}, swept at {@code now}; partitions {@link RequestPartitions#UNKNOWN}: one command each. */
    static List<Envelope<AccountCommand>> of(List<Sweeper.Claimed> claimed, int partitions, Instant now) {
        SweptCommands batch = new SweptCommands(partitions, now);
        List<Sweeper.Claimed> ordered = new ArrayList<>(claimed);
        ordered.sort(DUE_ORDER);
        Set<String> seen = new HashSet<>();
        for (Sweeper.Claimed row : ordered) {
            if (!seen.add(row.workspaceId() + "/" + row.subjectId())) {
                batch.closeGroups();
            }
            batch.add(row);
        }
        batch.closeGroups();
        return batch.commands;
    }

    /** Accounts whose suspensions may share one command. */
    private record Group(String workspaceId, String reason, int partition) {
    }

    private record Member(Sweeper.Claimed row, SuspendAccount command) {
    }

    private void add(Sweeper.Claimed row) {
        AccountCommand command = row.kind().command(row.subjectId(), row.premise());
        if (partitions == RequestPartitions.UNKNOWN || !(command instanceof SuspendAccount suspension)) {
            commands.add(envelope(row.workspaceId(), row.requestId(), command));
            return;
        }
        Group group = new Group(row.workspaceId(), suspension.reason(),
                RequestPartitions.partitionOf(row.workspaceId() + "/" + row.subjectId(), partitions));
        List<Member> members = open.computeIfAbsent(group, g -> new ArrayList<>());
        members.add(new Member(row, suspension));
        if (members.size() == SuspendAccounts.ACCOUNTS_MAX) {
            close(group, open.remove(group));
        }
    }

    private void closeGroups() {
        open.forEach(this::close);
        open.clear();
    }

    private void close(Group group, List<Member> members) {
        if (members.size() == 1) {
            Member alone = members.get(0);
            commands.add(envelope(group.workspaceId(), alone.row().requestId(), alone.command()));
            return;
        }
        List<SuspendAccounts.Suspension> accounts = new ArrayList<>(members.size());
        StringBuilder ids = new StringBuilder();
        for (Member member : members) {
            accounts.add(SuspendAccounts.Suspension.of(member.command()));
            ids.append(member.row().requestId()).append('\n');
        }
        commands.add(envelope(group.workspaceId(), requestId(accounts, ids), new SuspendAccounts(group.reason(),
                accounts)));
    }

    /**
     * Derived from the suspensions it carries, as each transition's own id is from its row: the same suspensions
     * published again are the same request for invite-service, other ones another request.
     */
    private static String requestId(List<SuspendAccounts.Suspension> accounts, CharSequence rowIds) {
        return "scheduler:suspend-many:" + accounts.get(0).accountId() + ":" + accounts.size() + ":"
                + UUID.nameUUIDFromBytes(rowIds.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Envelope<AccountCommand> envelope(String workspaceId, String requestId, AccountCommand command) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(command).typeName(), now, workspaceId, requestId,
                Sweeper.ACTOR, command);
    }
}
