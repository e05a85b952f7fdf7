package io.roster.importer.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreatedAccountsTest {

    @Test
    void aRequestIdIsTheTextParsingItWouldGiveBackOrNullWhenItIsNoUuid() {
        String canonical = UUID.randomUUID().toString();
        assertThat(CreatedAccounts.requestIdText(canonical)).isSameAs(canonical);
        assertThat(CreatedAccounts.requestIdText(canonical.toUpperCase())).isEqualTo(canonical);
        assertThat(CreatedAccounts.requestIdText("1-2-3-4-5")).isEqualTo(UUID.fromString("1-2-3-4-5").toString());
        assertThat(CreatedAccounts.requestIdText("hr-onboarding-0001")).isNull();
        assertThat(CreatedAccounts.requestIdText(canonical.replace('-', 'x'))).isNull();
        assertThat(CreatedAccounts.requestIdText(null)).isNull();
    }
}
