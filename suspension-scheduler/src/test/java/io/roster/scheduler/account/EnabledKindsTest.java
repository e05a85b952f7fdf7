package io.roster.scheduler.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.workspace.AutomaticSuspension;
import io.roster.scheduler.transition.TransitionKind;
import org.junit.jupiter.api.Test;

/** Which automatic kinds can be pending under a workspace's settings: the only ones a status change cancels. */
class EnabledKindsTest {

    @Test
    void eachKindIsEnabledByItsOwnDays() {
        assertThat(AutomaticTransitions.enabledBy(AutomaticSuspension.OFF)).isEmpty();
        assertThat(AutomaticTransitions.enabledBy(new AutomaticSuspension(10, 0, 3)))
                .containsExactlyInAnyOrder(TransitionKind.AUTO_SUSPEND, TransitionKind.SUSPENSION_WARNING);
        assertThat(AutomaticTransitions.enabledBy(new AutomaticSuspension(10, 0, 0)))
                .containsExactly(TransitionKind.AUTO_SUSPEND);
        assertThat(AutomaticTransitions.enabledBy(new AutomaticSuspension(0, 5, 3)))
                .as("no warning without a suspension").containsExactly(TransitionKind.AUTO_EXPIRE);
    }
}
