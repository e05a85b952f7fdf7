package io.roster.invite.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountColumnsTest {

    @Test
    void bucketsBecomeAnArrayLiteralEveryElementQuoted() {
        assertThat(AccountColumns.arrayLiteral(List.of())).isEqualTo("{}");
        assertThat(AccountColumns.arrayLiteral(List.of("sales"))).isEqualTo("{\"sales\"}");
        assertThat(AccountColumns.arrayLiteral(List.of("a b", "NULL", "x,y", "{z}")))
                .isEqualTo("{\"a b\",\"NULL\",\"x,y\",\"{z}\"}");
    }

    @Test
    void quotesAndBackslashesInABucketNameAreEscaped() {
        assertThat(AccountColumns.arrayLiteral(List.of("say \"hi\"", "back\\slash")))
                .isEqualTo("{\"say \\\"hi\\\"\",\"back\\\\slash\"}");
    }

    @Test
    void theInsertTakesOneArrayPerColumn() {
        long placeholders = AccountColumns.INSERT.chars().filter(c -> c == '?').count();
        assertThat(AccountColumns.of(List.of())).hasSize((int) placeholders);
        assertThat(AccountColumns.INSERT).startsWith("INSERT INTO invite.account (id, workspace_id, type, login,")
                .contains("FROM unnest(?::text[]::uuid[], ?::text[],").contains("c32::text[]");
    }
}
