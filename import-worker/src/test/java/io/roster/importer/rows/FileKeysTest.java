package io.roster.importer.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountTemplate;
import io.roster.importer.file.SheetRow;
import io.roster.importer.validation.RowVerdict;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileKeysTest {

    private static RowVerdict valid(long row, String login, String email, boolean takesLicence) {
        return new RowVerdict(SheetRow.of(row, AccountTemplate.USERS, Map.of(), List.of()), login, email, null, null,
                null, takesLicence, List.of());
    }

    private static FileKeys keys(boolean[] stored, RowVerdict... rows) {
        ByteBuffer records = ByteBuffer.allocate(rows.length * RowKeys.BYTES);
        for (int i = 0; i < rows.length; i++) {
            RowKeys.append(records, rows[i], stored[i]);
        }
        FileKeys keys = new FileKeys(1);
        // two slices, the second one growing the arrays
        keys.add(java.util.Arrays.copyOfRange(records.array(), 0, RowKeys.BYTES));
        keys.add(java.util.Arrays.copyOfRange(records.array(), RowKeys.BYTES, records.capacity()));
        return keys;
    }

    @Test
    void sortsAsArraysSortDoes() {
        java.util.Random random = new java.util.Random(7);
        for (int n : new int[] {0, 1, 4095, 4096, 100_000}) {
            long[] values = random.longs(n).toArray();
            // the edges and repeats among them
            if (n > 10) {
                values[0] = Long.MIN_VALUE;
                values[1] = Long.MAX_VALUE;
                values[2] = -1;
                values[3] = 0;
                values[4] = values[5];
                values[6] = 1L << 48;
                values[7] = -(1L << 48);
            }
            long[] expected = values.clone();
            java.util.Arrays.sort(expected);
            FileKeys.sort(values);
            assertThat(values).as("%d values", n).containsExactly(expected);
        }
    }

    @Test
    void aCleanFileNeedsNoRowReadAgain() {
        FileKeys keys = keys(new boolean[3], valid(1, "a", "a@x", true), valid(2, "b", "b@x", true),
                valid(3, "c", null, false));
        keys.existingAccount("z", "z@x");
        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.rowsToStore(3)).isEmpty();
    }

    @Test
    void rowsSharingAKeyOrMatchingAnExistingAccountAreReadAgainUnlessStoredAlready() {
        FileKeys keys = keys(new boolean[] {false, false, false, true, false, false},
                valid(1, "a", "a@x", true),
                valid(2, "b", "b@x", true),
                valid(3, "c", "a@x", true),
                valid(4, "b", "d@x", false),
                valid(5, "e", "e@x", true),
                valid(6, "f", "f@x", true));
        keys.existingAccount("f", "other@x");
        // 1 and 3 share an e-mail; 2 shares a login with 4, stored already; 6 has an existing login
        assertThat(keys.rowsToStore(100)).containsExactly(1, 2, 3, 6);
    }

    @Test
    void everyLicenceTakerIsReadAgainWhenTheyCouldNeedMoreThanAreFree() {
        FileKeys keys = keys(new boolean[3], valid(1, "a", "a@x", true), valid(2, "b", "b@x", false),
                valid(3, "c", "c@x", true));
        assertThat(keys.rowsToStore(2)).isEmpty();
        assertThat(keys.rowsToStore(1)).containsExactly(1, 3);
    }

    @Test
    void theHashIsStableAndZeroOnlyForNoKey() {
        assertThat(RowKeys.hash(null)).isZero();
        assertThat(RowKeys.hash("")).isNotZero();
        assertThat(RowKeys.hash("user.1")).isEqualTo(RowKeys.hash(new String("user.1"))).isNotEqualTo(
                RowKeys.hash("user.2"));
    }
}
