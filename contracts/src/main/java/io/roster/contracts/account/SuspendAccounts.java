package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;

/**
 * Command {@code account.suspend-many.v1}: the scheduler's suspensions of several accounts of one workspace at once,
 * each with its premise, as {@link SuspendAccount} carries one. A million suspension dates falling the same minute
 * were a million commands: each its own outbox row, relay read, record, request-log entry and JSON envelope. The
 * outcomes stay per account — {@code account.status-changed.v1}, or {@code account.request-rejected.v1} whose subject
 * is the account — while the command is handled once as a whole (its request id: a redelivery applies nothing again).
 * <p>
 * The record is keyed by its first account ({@link #subject}); the scheduler puts in one command only accounts whose
 * own key ({@code workspaceId/accountId}) falls on the same partition of {@code roster.account.requests}, so each
 * account's commands stay in order on one partition. {@link SuspendAccount} stays for an admin's suspension and for
 * a scheduler that sends one account at a time.
 *
 * @param reason why, the same for every account of the command (the scheduler's transition kind)
 * @param accounts the accounts and their premises, at most {@link #ACCOUNTS_MAX}; each account once
 */
@JsonClassDescription("Suspend several accounts of the workspace at once (status INACTIVE, sign-in refused), each "
        + "with its premise as account.suspend.v1 carries it; sent by the scheduler. Each account has its own outcome: "
        + "account.status-changed.v1, or account.request-rejected.v1 (requestType account.suspend-many.v1, subject the "
        + "account id; premise_changed when its premise no longer holds). The command is handled once by its request "
        + "id; it is refused as a whole only when it lists no account or more than 1000. Keyed by its first account: "
        + "all its accounts' own keys fall on the record's partition.")
public record SuspendAccounts(
        String reason,
        @JsonPropertyDescription("The accounts, each once, with the premise of its suspension (1 to 1000).")
        List<Suspension> accounts) implements AccountCommand {

    /** The most accounts one command lists: about 130 KB of JSON, well within a record's limit. */
    public static final int ACCOUNTS_MAX = 1000;

    /**
     * One account's suspension and its premise: {@code idleSince} for an automatic suspension, {@code suspensionDate}
     * and {@code scheduledFrom} for a suspension date (see {@link SuspendAccount}).
     */
    public record Suspension(
            String accountId,
            @JsonPropertyDescription("Automatic suspension: no sign-in, and ACTIVE, since this instant.")
            Instant idleSince,
            @JsonPropertyDescription("Suspension date: the account's suspension date the suspension was scheduled "
                    + "from.")
            Instant suspensionDate,
            @JsonPropertyDescription("Suspension date: when the date was set.")
            Instant scheduledFrom) {

        /** The account's suspension as the single command says it. */
        public SuspendAccount alone(String reason) {
            return new SuspendAccount(accountId, reason, idleSince, suspensionDate, scheduledFrom);
        }

        /** The single command's account and premise. */
        public static Suspension of(SuspendAccount single) {
            return new Suspension(single.accountId(), single.idleSince(), single.suspensionDate(),
                    single.scheduledFrom());
        }
    }

    /** The command's accounts as single suspensions, in order. */
    public List<SuspendAccount> each() {
        return accounts == null ? List.of() : accounts.stream().map(s -> s.alone(reason)).toList();
    }

    /** The first account: the record's key, whose partition every account of the command shares. */
    @Override
    public String subject() {
        return accounts == null || accounts.isEmpty() || accounts.get(0) == null ? "accounts"
                : accounts.get(0).accountId();
    }
}
