package io.roster.contracts.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.account.FieldProblem;
import org.junit.jupiter.api.Test;

/** The automatic suspension settings: 0 or absent is off, ranges, and a warning only before a suspension. */
class AutomaticSuspensionTest {

    @Test
    void absentNumbersAndAbsentSettingsAreOff() {
        assertThat(new AutomaticSuspension(null, null, null)).isEqualTo(AutomaticSuspension.OFF);
        assertThat(AutomaticSuspension.OFF.isOn()).isFalse();
        assertThat(AutomaticSuspension.orOff(null)).isEqualTo(AutomaticSuspension.OFF);
        assertThat(new AutomaticSuspension(0, 30, 0).isOn()).isTrue();
        WorkspaceFacts old = new WorkspaceFacts("Old", WorkspacePlan.TRIAL, 5, "UTC", java.util.List.of(),
                java.util.List.of(), IdleTimeoutPolicy.USERS_CHOOSE, 30, true, false, null);
        assertThat(old.automaticSuspension()).isEqualTo(AutomaticSuspension.OFF);
    }

    @Test
    void theSamplesCarryThem() {
        AutomaticSuspension expected = new AutomaticSuspension(90, 30, 7);
        assertThat(((WorkspaceFacts) GoldenSamples.envelope(MessageType.WORKSPACE_FACTS).payload())
                .automaticSuspension()).isEqualTo(expected);
        assertThat(((UpdateWorkspaceSettings) GoldenSamples.envelope(MessageType.UPDATE_WORKSPACE_SETTINGS)
                .payload()).automaticSuspension()).isEqualTo(expected);
        assertThat(expected.problems("")).isEmpty();
    }

    @Test
    void eachNumberIsWithinTenYears() {
        assertThat(new AutomaticSuspension(3651, -1, 0).problems("automaticSuspension."))
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("automaticSuspension.suspendAfterDays",
                        "out_of_range"), org.assertj.core.groups.Tuple.tuple("automaticSuspension.expireAfterDays",
                        "out_of_range"));
        assertThat(new AutomaticSuspension(3650, 3650, 3649).problems("")).isEmpty();
    }

    @Test
    void aWarningComesBeforeASuspension() {
        assertThat(new AutomaticSuspension(0, 30, 7).problems("")).extracting(FieldProblem::code)
                .containsExactly("requires_suspension");
        assertThat(new AutomaticSuspension(7, 0, 7).problems("")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("less than suspendAfterDays (7)"));
        assertThat(new AutomaticSuspension(8, 0, 7).problems("")).isEmpty();
    }
}
