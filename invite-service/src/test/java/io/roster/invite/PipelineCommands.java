package io.roster.invite;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.account.CreateUser;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.workspace.WorkspaceRepository;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Commands handed straight to {@link io.roster.invite.pipeline.CommandPipeline}, as a poll of
 * {@code roster.account.requests} brings them, for the tests that compare a poll decided set-wise with the same
 * commands one at a time.
 */
final class PipelineCommands {

    private PipelineCommands() {
    }

    /** A STANDARD workspace of its own, in UTC, named {@code prefix-<random>}. */
    static String newWorkspace(WorkspaceRepository workspaces, String prefix, int licences) {
        String ws = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        workspaces.createIfAbsent(new Workspace(ws, ws, Workspace.Plan.STANDARD, licences, ZoneId.of("UTC"),
                Set.of(), Set.of()));
        return ws;
    }

    /** The command as an upstream system sends it. */
    static Envelope<Payload> command(String ws, String requestId, Payload payload) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), Instant.now(), ws, requestId,
                new Actor(Actor.Kind.UPSTREAM, "pipeline-test", null), payload);
    }

    /** A READ_ONLY user {@code login} (mail {@code login@t.example}) of that status, nothing else set. */
    static CreateUser user(String login, String status) {
        return new CreateUser(login, login + "@t.example", "T", "User", status, "en", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, false, null, null, null, null,
                "READ_ONLY", List.of());
    }
}
