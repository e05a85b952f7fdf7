package io.roster.importer.apply;

import io.roster.contracts.Envelope;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import java.util.Locale;
import java.util.UUID;

/**
 * The projection's row an {@code account.created.v1} makes ({@code importer.known_account}): login and e-mail
 * lower-cased as the checks compare them, and the request id the creation answered (null when it is no UUID: an
 * upstream system's id need not be one, and such an answer answers no row of ours).
 */
record ProjectedAccount(String workspaceId, String accountId, AccountType type, String login, String email,
        String firstName, String lastName, AccountStatus status, UUID requestId) {

    static ProjectedAccount of(Envelope<?> event) {
        CreatedAccount c = CreatedAccount.from(event.payload());
        return new ProjectedAccount(event.workspaceId(), c.accountId(), c.accountType(), lower(c.login()),
                lower(c.email()), c.firstName(), c.lastName(), c.status(), CreatedAccounts.requestId(
                        event.requestId()).orElse(null));
    }

    /** Whether it holds one of its workspace's licences: a USER account not CLOSED. */
    boolean holdsLicence() {
        return type == AccountType.USER && status != AccountStatus.CLOSED;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
