package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.ResetTwoFactor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void anAnswerKeepsWorkspaceRequestIdAndActorWithANewEventIdAndTheEventsType() {
        Actor admin = new Actor(Actor.Kind.ADMIN, "rk_acme", "203.0.113.7");
        Envelope<ResetTwoFactor> command = Envelope.of("acme", "reset-1", admin,
                new ResetTwoFactor("8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69", "TOTP"));
        Instant at = Instant.parse("2026-11-23T10:00:00Z");

        Envelope<AccountUpdated> answer = command.answer(
                new AccountUpdated("8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69", List.of("totpEnrollment")), at);

        assertThat(answer.type()).isEqualTo("account.updated.v1");
        assertThat(answer.eventId()).isNotEqualTo(command.eventId());
        assertThat(answer.occurredAt()).isEqualTo(at);
        assertThat(answer.workspaceId()).isEqualTo("acme");
        assertThat(answer.requestId()).isEqualTo("reset-1");
        assertThat(answer.actor()).isEqualTo(admin);
        assertThat(answer.key()).isEqualTo(command.key());
    }
}
