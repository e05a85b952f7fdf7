package io.roster.importer.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.importer.rows.RequestIds;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreationTallyTest {

    private static final UUID JOB = UUID.fromString("0b8f2d4e-5a61-4c3e-9d7a-1f2e3d4c5b6a");
    private static final UUID OTHER_JOB = UUID.fromString("7c1d9e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f");

    @Test
    void licencesAreTheUserAccountsNotClosedByWorkspaceInTheirOrder() {
        CreationTally tally = CreationTally.of(List.of(
                account("ws-b", AccountType.USER, AccountStatus.ACTIVE, null),
                account("ws-a", AccountType.USER, AccountStatus.INACTIVE, null),
                account("ws-b", AccountType.USER, AccountStatus.CLOSED, null),
                account("ws-b", AccountType.CONTACT, AccountStatus.ACTIVE, null),
                account("ws-c", AccountType.CONTACT, AccountStatus.ACTIVE, null),
                account("ws-b", AccountType.USER, AccountStatus.ACTIVE, null)));

        assertThat(tally.licenceWorkspaces()).containsExactly("ws-a", "ws-b");
        assertThat(tally.licencesTaken()).containsExactly(1L, 2L);
        assertThat(tally.jobWorkspaces()).isEmpty();
        assertThat(tally.otherIds()).isEmpty();
        assertThat(tally.isEmpty()).isFalse();
    }

    @Test
    void aJobsAnswersAreCountedOnceWithTheRangeOfTheirRowsWhateverTheirOrder() {
        RequestIds ids = RequestIds.of(JOB);
        RequestIds others = RequestIds.of(OTHER_JOB);
        CreationTally tally = CreationTally.of(List.of(
                user("ws", ids.row(41)), user("ws", ids.row(7)), user("ws", others.row(3)),
                user("ws", ids.row(1_000_000)), user("other-ws", ids.row(8))));

        assertThat(tally.jobWorkspaces()).containsExactly("ws", "ws", "other-ws");
        assertThat(tally.jobAnswers()).containsExactly(3L, 1L, 1L);
        assertThat(tally.firstIds()).containsExactly(ids.row(7), others.row(3), ids.row(8));
        assertThat(tally.lastIds()).containsExactly(ids.row(1_000_000), others.row(3), ids.row(8));
        // the job's 8 bytes, as import_job.request_prefix keeps them
        assertThat(tally.jobPrefixes()[0]).isEqualTo(java.nio.ByteBuffer.allocate(8)
                .putLong(ids.row(1).getMostSignificantBits()).array());
        assertThat(tally.laidOutIds()).containsExactly(ids.row(41), ids.row(7), others.row(3), ids.row(1_000_000),
                ids.row(8));
        assertThat(tally.otherIds()).isEmpty();
    }

    @Test
    void aRowNumberPastTheSignBitOfItsLongStillSortsAsTheServerComparesUuids() {
        RequestIds ids = RequestIds.of(JOB);
        // the low 8 bytes start with the variant's bit: compared signed, every id would be negative
        CreationTally tally = CreationTally.of(List.of(user("ws", ids.row(5)), user("ws", ids.row(0)),
                user("ws", ids.row((1L << 62) - 1))));

        assertThat(tally.firstIds()).containsExactly(ids.row(0));
        assertThat(tally.lastIds()).containsExactly(ids.row((1L << 62) - 1));
    }

    @Test
    void otherUuidsAreLookedUpOneByOneAndWhatIsNoRfcUuidAnswersNoRow() {
        UUID nameBased = UUID.nameUUIDFromBytes("roster-import:row".getBytes());
        UUID random = UUID.randomUUID();
        UUID otherVariant = new UUID(0x0000_0000_0000_8000L, 0L); // version 8's nibble, the NCS variant
        CreationTally tally = CreationTally.of(List.of(
                account("ws", AccountType.CONTACT, AccountStatus.ACTIVE, nameBased),
                account("ws-2", AccountType.CONTACT, AccountStatus.ACTIVE, random),
                account("ws", AccountType.CONTACT, AccountStatus.ACTIVE, otherVariant),
                account("ws", AccountType.CONTACT, AccountStatus.ACTIVE, null)));

        assertThat(tally.otherWorkspaces()).containsExactly("ws", "ws-2");
        assertThat(tally.otherIds()).containsExactly(nameBased, random);
        assertThat(tally.jobWorkspaces()).isEmpty();
        assertThat(tally.laidOutIds()).isEmpty();
        assertThat(tally.licenceWorkspaces()).isEmpty();
    }

    @Test
    void contactsWithoutRequestIdsCountNothing() {
        CreationTally tally = CreationTally.of(List.of(account("ws", AccountType.CONTACT, AccountStatus.ACTIVE, null),
                account("ws", AccountType.USER, AccountStatus.CLOSED, null)));

        assertThat(tally.isEmpty()).isTrue();
    }

    private static ProjectedAccount user(String workspace, UUID requestId) {
        return account(workspace, AccountType.USER, AccountStatus.ACTIVE, requestId);
    }

    private static ProjectedAccount account(String workspace, AccountType type, AccountStatus status,
            UUID requestId) {
        String id = UUID.randomUUID().toString();
        return new ProjectedAccount(workspace, id, type, "login-" + id, id + "@example.com", "First", "Last", status,
                requestId);
    }
}
