package io.roster.invite.invitation;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.InviteUsers;
import io.roster.invite.account.AccountCommandHandler;
import io.roster.invite.web.AdminCommands;
import io.roster.invite.web.RequestRejectedException;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.workspace.WorkspaceRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
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
    private final InvitationService service;
    private final WorkspaceRepository workspaces;
    private final Clock clock;
    private final Duration resendInterval;

    InvitationController(AccountCommandHandler handler, InvitationRepository invitations, InvitationService service,
            WorkspaceRepository workspaces, @Qualifier("inviteClock") Clock clock,
            io.roster.invite.InviteProperties properties) {
        this.handler = handler;
        this.invitations = invitations;
        this.service = service;
        this.workspaces = workspaces;
        this.clock = clock;
        this.resendInterval = properties.invitations().resendInterval();
    }

    /** Invites up to the plan's limit of addresses, all with the same admin flag, permission and buckets. */
    @PostMapping
    ResponseEntity<List<InvitationView>> invite(@PathVariable String workspaceId, @RequestBody InviteUsers body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        Envelope<Payload> command = AdminCommands.of(workspaceId, key, body, request);
        AccountCommandHandler.Outcome outcome = handler.handle(command, false);
        if (!outcome.accepted()) {
            throw RequestRejectedException.of(outcome.problems(), outcome.duplicate(), command.requestId());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(invitations.byRequest(workspaceId, command.requestId()));
    }

    @GetMapping
    List<InvitationView> list(@PathVariable String workspaceId,
            @RequestParam(defaultValue = "PENDING") String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (!List.of("PENDING", "ACCEPTED", "CANCELLED", "ALL").contains(status)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "status must be PENDING, ACCEPTED, CANCELLED or ALL");
        }
        if (page < 0 || size < 1 || size > 500) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be >= 0 and size within 1..500");
        }
        return invitations.list(workspaceId, status.equals("ALL") ? null : status, page * size, size);
    }

    /** A new link (the previous one stops working) and a new mail; at most once per resend interval. */
    @PostMapping("/{invitationId}/resend")
    @Transactional
    ResponseEntity<InvitationView> resend(@PathVariable String workspaceId, @PathVariable UUID invitationId,
            HttpServletRequest request) {
        InvitationView invitation = pending(workspaceId, invitationId);
        Duration since = Duration.between(invitation.lastSentAt(), clock.instant());
        if (since.compareTo(resendInterval) < 0) {
            long wait = resendInterval.minus(since).toSeconds() + 1;
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                    "this invitation was sent " + since.toSeconds() + " s ago; resend again in " + wait + " s") {
                @Override
                public HttpHeaders getHeaders() {
                    HttpHeaders headers = new HttpHeaders();
                    headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
                    return headers;
                }
            };
        }
        Workspace workspace = workspaces.find(workspaceId).orElseThrow();
        return ResponseEntity.ok(service.resend(AdminCommands.of(workspaceId, null,
                new InviteUsers(List.of(invitation.email()), null, null, null, null), request), workspace,
                invitation));
    }

    /** Cancels a pending invitation: its link then answers 410 Gone. */
    @DeleteMapping("/{invitationId}")
    @Transactional
    ResponseEntity<Void> cancel(@PathVariable String workspaceId, @PathVariable UUID invitationId,
            HttpServletRequest request) {
        InvitationView invitation = pending(workspaceId, invitationId);
        service.cancel(AdminCommands.of(workspaceId, null,
                new InviteUsers(List.of(invitation.email()), null, null, null, null), request), invitation);
        return ResponseEntity.noContent().build();
    }

    private InvitationView pending(String workspaceId, UUID invitationId) {
        InvitationView invitation = invitations.lock(workspaceId, invitationId).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no invitation '" + invitationId + "'"));
        if (!invitation.status().equals("PENDING")) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "the invitation is " + invitation.status() + ", not PENDING");
        }
        return invitation;
    }
}
