package io.roster.invite.pipeline;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.SuspendAccounts;
import java.util.ArrayList;
import java.util.List;

/**
 * A poll's commands cut into runs of at most {@link #ACCOUNTS_PER_TRANSACTION} accounts, each run handled in a
 * transaction of its own. A poll is up to 500 records, and a scheduler's {@code account.suspend-many.v1} carries up to
 * 1,000 accounts: one transaction a poll grew to tens of thousands of suspensions, whose events then reached the outbox
 * relay in bursts and held the accounts' row locks for seconds. Commands that name one account (everything else) keep
 * a poll of 500 in one transaction. A run committed before a later one fails is not redone: its records precede the
 * failing one, whose offset the error handler commits up to, and a redelivery of them would be answered from the
 * request log anyway.
 */
final class PollChunks {

    /** About what one poll of single-account commands writes, so both kinds make transactions of similar size. */
    static final int ACCOUNTS_PER_TRANSACTION = 1_000;

    private PollChunks() {
    }

    /** The exclusive ends of the runs, in order; the last is {@code commands.size()}. A heavier command runs alone. */
    static List<Integer> ends(List<Envelope<Payload>> commands, int accountsPerTransaction) {
        List<Integer> ends = new ArrayList<>();
        int accounts = 0;
        for (int i = 0; i < commands.size(); i++) {
            int weight = accountsOf(commands.get(i));
            if (accounts > 0 && accounts + weight > accountsPerTransaction) {
                ends.add(i);
                accounts = 0;
            }
            accounts += weight;
        }
        if (!commands.isEmpty()) {
            ends.add(commands.size());
        }
        return ends;
    }

    private static int accountsOf(Envelope<Payload> command) {
        if (command != null && command.payload() instanceof SuspendAccounts many && many.accounts() != null) {
            return Math.max(1, many.accounts().size());
        }
        return 1;
    }
}
