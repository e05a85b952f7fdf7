package io.roster.invite.invitation;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.InviteUsers;
import io.roster.contracts.invitation.CancelInvitation;
import io.roster.contracts.invitation.ResendInvitation;
import io.roster.invite.access.AdminCommands;
import io.roster.invite.pipeline.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Invitations of a workspace, for its admins: invite, list (pending by default), resend, cancel. */
@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/invitations")
class InvitationController {

    /** The {@code ?status=} that lists invitations whatever their status. */
    private static final String ALL = "ALL";

    private final AdminCommands commands;
    private final InvitationRepository invitations;

    InvitationController(AdminCommands commands, InvitationRepository invitations) {
        this.commands = commands;
        this.invitations = invitations;
    }

    /** Invites up to the plan's limit of addresses, all with the same admin flag, permission and buckets. */
    @PostMapping
    ResponseEntity<List<InvitationView>> invite(@PathVariable String workspaceId, @RequestBody InviteUsers body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        Envelope<Payload> command = AdminCommands.of(workspaceId, key, body, request);
        Outcome outcome = commands.run(command, key);
        // As written; read again only for a repeated request (an Idempotency-Key seen before).
        return ResponseEntity.status(HttpStatus.CREATED).body(outcome.repeated()
                ? invitations.byRequest(workspaceId, command.requestId()) : invitations(outcome));
    }

    @GetMapping
    List<InvitationView> list(@PathVariable String workspaceId,
            @RequestParam(defaultValue = "PENDING") String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return invitations.list(workspaceId, statusFilter(status), io.roster.invite.web.Paging.offset(page, size),
                size);
    }

    /** The invitation status a {@code ?status=} asks for; null for {@code ALL}. */
    private static InvitationStatus statusFilter(String status) {
        if (ALL.equals(status)) {
            return null;
        }
        return Arrays.stream(InvitationStatus.values()).filter(s -> s.name().equals(status)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be "
                        + Arrays.stream(InvitationStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
                        + " or " + ALL));
    }

    /** A new link (the previous one stops working) and a new mail; at most once per resend interval (429). */
    @PostMapping("/{invitationId}/resend")
    InvitationView resend(@PathVariable String workspaceId, @PathVariable UUID invitationId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        run(workspaceId, key, new ResendInvitation(invitationId.toString()), request);
        return invitations.find(workspaceId, invitationId).orElseThrow();
    }

    /** Cancels a pending invitation: its link then answers 410 Gone. */
    @DeleteMapping("/{invitationId}")
    ResponseEntity<Void> cancel(@PathVariable String workspaceId, @PathVariable UUID invitationId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        run(workspaceId, key, new CancelInvitation(invitationId.toString()), request);
        return ResponseEntity.noContent().build();
    }

    private void run(String workspaceId, String key, Payload payload, HttpServletRequest request) {
        commands.run(workspaceId, key, payload, request);
    }

    @SuppressWarnings("unchecked")
    private static List<InvitationView> invitations(Outcome outcome) {
        return (List<InvitationView>) outcome.result(List.class);
    }

}
