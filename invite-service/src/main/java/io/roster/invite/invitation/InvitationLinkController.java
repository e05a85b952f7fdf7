package io.roster.invite.invitation;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The activation link of an invitation mail; the token is the only credential. */
@RestController
@RequestMapping("/api/v1/invitations/{token}")
class InvitationLinkController {

    private final InvitationAcceptance acceptance;

    InvitationLinkController(InvitationAcceptance acceptance) {
        this.acceptance = acceptance;
    }

    record InvitationInfo(String workspaceId, String email, Instant expiresAt) {
    }

    @GetMapping
    InvitationInfo show(@PathVariable String token) {
        InvitationRepository.ByToken found = acceptance.usable(token);
        return new InvitationInfo(found.workspaceId(), found.invitation().email(), found.invitation().expiresAt());
    }

    /** Accepts with a name and a password (and optionally a login; the address otherwise): an ACTIVE user. */
    @PostMapping("/accept")
    @ResponseStatus(HttpStatus.CREATED)
    InvitationAcceptance.Accepted accept(@PathVariable String token,
            @RequestBody InvitationAcceptance.Acceptance body, HttpServletRequest request) {
        return acceptance.accept(token, body, request.getRemoteAddr());
    }
}
