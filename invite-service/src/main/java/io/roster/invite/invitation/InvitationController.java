package io.roster.invite.invitation;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.InviteUsers;
import io.roster.contracts.invitation.CancelInvitation;
import io.roster.contracts.invitation.ResendInvitation;
import io.roster.invite.account.AccountCommandHandler;
import io.roster.invite.web.AdminCommands;
import io.roster.invite.web.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
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

    private final AccountCommandHandler handler;
    private final InvitationRepository invitations;

    InvitationController(AccountCommandHandler handler, InvitationRepository invitations) {
        this.handler = handler;
        this.invitations = invitations;
    }

    /** Invites up to the plan's limit of addresses, all with the same admin flag, permission and buckets. */
    @PostMapping
    ResponseEntity<List<InvitationView>> invite(@PathVariable String workspaceId, @RequestBody InviteUsers body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        Envelope<Payload> command = AdminCommands.of(workspaceId, key, body, request);
        AccountCommandHandler.Outcome outcome = run(command, key);
        // As written; read again only for a repeated request (an Idempotency-Key seen before).
        return ResponseEntity.status(HttpStatus.CREATED).body(outcome.duplicate()
                ? invitations.byRequest(workspaceId, command.requestId()) : outcome.invitations());
    }

    @GetMapping
    List<InvitationView> list(@PathVariable String workspaceId,
            @RequestParam(defaultValue = "PENDING") String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (!List.of("PENDING", "ACCEPTED", "CANCELLED", "ALL").contains(status)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "status must be PENDING, ACCEPTED, CANCELLED or ALL");
        }
        return invitations.list(workspaceId, status.equals("ALL") ? null : status,
                io.roster.invite.web.Paging.offset(page, size), size);
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

    private AccountCommandHandler.Outcome run(String workspaceId, String key, Payload payload,
            HttpServletRequest request) {
        return run(AdminCommands.of(workspaceId, key, payload, request), key);
    }

    private AccountCommandHandler.Outcome run(Envelope<Payload> command, String key) {
        AccountCommandHandler.Outcome outcome = handler.handle(command, false, AdminCommands.assignsRequestId(key));
        if (!outcome.accepted()) {
            throw RequestRejectedException.of(outcome.problems(), outcome.duplicate(), command.requestId());
        }
        return outcome;
    }

}
