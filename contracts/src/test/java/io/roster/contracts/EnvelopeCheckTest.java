package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.SuspendAccount;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeCheckTest {

    private static Envelope<SuspendAccount> envelope(String workspaceId, String requestId) {
        return new Envelope<>(UUID.randomUUID(), MessageType.SUSPEND_ACCOUNT.typeName(), Instant.now(), workspaceId,
                requestId, null, new SuspendAccount(UUID.randomUUID().toString(), null));
    }

    @Test
    void ordinaryIdsPass() {
        assertThat(EnvelopeCheck.problems(envelope("acme", "hr-onboarding-0001"))).isEmpty();
        assertThat(EnvelopeCheck.problems(envelope("acme", "x".repeat(EnvelopeCheck.ID_MAX)))).isEmpty();
    }

    @Test
    void nulBlankAndOverlongIdsAreNamed() {
        assertThat(EnvelopeCheck.problems(envelope("ac\u0000me", "req\u0000")))
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("workspaceId", "control_character"),
                        org.assertj.core.groups.Tuple.tuple("requestId", "control_character"));
        assertThat(EnvelopeCheck.problems(envelope("acme", " \t"))).extracting(FieldProblem::code)
                .containsExactly("required");
        assertThat(EnvelopeCheck.problems(envelope("acme", "r".repeat(EnvelopeCheck.ID_MAX + 1))))
                .extracting(FieldProblem::code).containsExactly("too_long");
        assertThat(EnvelopeCheck.problems(envelope("acme", "line\u2028break"))).extracting(FieldProblem::code)
                .containsExactly("control_character");
    }

    @Test
    void printableIdsReplaceControlCharactersAndAreCut() {
        Envelope<SuspendAccount> printable = EnvelopeCheck.printable(envelope("ac\u0000me", "r\r\n".repeat(100)));
        assertThat(printable.workspaceId()).isEqualTo("ac\uFFFDme");
        assertThat(printable.requestId()).hasSize(EnvelopeCheck.ID_MAX).startsWith("r\uFFFD\uFFFDr")
                .doesNotContain("\r", "\n");
        assertThat(EnvelopeCheck.printable("plain")).isEqualTo("plain");
    }
}
