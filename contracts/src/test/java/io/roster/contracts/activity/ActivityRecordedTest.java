package io.roster.contracts.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivityRecordedTest {

    @Test
    void theSubjectIsTheAccountElseTheLogin() {
        assertThat(new ActivityRecorded("SIGN_IN", "acc-1", "ada", null).subject()).isEqualTo("acc-1");
        assertThat(new ActivityRecorded("SIGN_IN_FAILED", null, "ada", null).subject()).isEqualTo("ada");
    }

    @Test
    void anActivityAboutNoAccountHasNoSubjectRatherThanTheWordNull() {
        ActivityRecorded export = new ActivityRecorded("LOG_EXPORTED", null, null, "CSV export");
        assertThat(export.subject()).isNull();
        assertThat(export.key("acme")).isEqualTo("acme/null"); // the record key, as it always was
    }
}
