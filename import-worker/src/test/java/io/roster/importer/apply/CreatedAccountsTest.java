package io.roster.importer.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreatedAccountsTest {

    @Test
    void aRequestIdIsTheUuidItParsesAsOrNoneWhenItIsNoUuid() {
        UUID id = UUID.randomUUID();
        assertThat(CreatedAccounts.requestId(id.toString())).contains(id);
        assertThat(CreatedAccounts.requestId(id.toString().toUpperCase())).contains(id);
        assertThat(CreatedAccounts.requestId("1-2-3-4-5")).contains(UUID.fromString("1-2-3-4-5"));
        assertThat(CreatedAccounts.requestId("hr-onboarding-0001")).isEmpty();
        assertThat(CreatedAccounts.requestId(id.toString().replace('-', 'x'))).isEmpty();
        assertThat(CreatedAccounts.requestId(null)).isEmpty();
    }
}
