package io.roster.contracts.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Envelope;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.Application;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.WorkspaceRules;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facts of a workspace are all import-worker needs to run the account rules, keyed by the workspace alone. */
class WorkspaceFactsTest {

    private final Envelope<Payload> sample = GoldenSamples.envelope(MessageType.WORKSPACE_FACTS);
    private final WorkspaceFacts facts = (WorkspaceFacts) sample.payload();

    @Test
    void travelOnTheCompactedWorkspacesTopicKeyedByTheWorkspaceId() {
        assertThat(MessageType.WORKSPACE_FACTS.topic()).isEqualTo(Topics.WORKSPACES).isEqualTo("roster.workspaces");
        assertThat(Topics.ALL).contains(Topics.WORKSPACES);
        assertThat(Topics.COMPACTED).contains(Topics.WORKSPACES);
        assertThat(MessageType.WORKSPACE_FACTS.isCommand()).isFalse();
        assertThat(sample.key()).isEqualTo("acme");
    }

    @Test
    void giveTheRulesTheAccountValidatorChecksWith() {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        WorkspaceRules rules = facts.rules(now);
        assertThat(rules).isEqualTo(new WorkspaceRules(EnumSet.of(Application.SAVE, Application.WORK),
                ZoneId.of("Europe/Paris"), now));

        CreateUser tooLittleSave = new CreateUser("ada.lovelace", "ada@acme.example", "Ada", "Lovelace", "ACTIVE",
                "en", "10GB", "500MB", "PRIVATE", null, null, null, null, null, null, null, null, null, null, null,
                "31/12/2030/18:00", null, null, null, null, null, null, null);
        assertThat(AccountValidator.validateUser(tooLittleSave, rules).problems()).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("saveSpaceMax", "visibilityScope");
    }

    @Test
    void aWorkspaceWithoutApplicationsHasEmptyRules() {
        WorkspaceFacts bare = new WorkspaceFacts("Bare", WorkspacePlan.TRIAL, 5, "UTC", List.of(), List.of(),
                IdleTimeoutPolicy.USERS_CHOOSE, 30, true, false);
        assertThat(bare.rules(Instant.EPOCH).applications()).isEmpty();
        assertThat(bare.rules(Instant.EPOCH).timeZone()).isEqualTo(ZoneId.of("UTC"));
    }
}
