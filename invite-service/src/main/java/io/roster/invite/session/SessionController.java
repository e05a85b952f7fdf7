package io.roster.invite.session;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.ResetTwoFactor;
import io.roster.contracts.account.UpdateSessionSettings;
import io.roster.contracts.workspace.UpdateWorkspaceSettings;
import io.roster.invite.access.AdminCommands;
import io.roster.invite.http.RequestRejectedException;
import io.roster.invite.pipeline.CommandPipeline;
import io.roster.invite.pipeline.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Sign-in and sign-out, a user's own session settings, and the workspace's session policy. */
@RestController
class SessionController {

    private final SessionService service;
    private final SessionRepository sessions;
    private final AdminCommands commands;
    private final CommandPipeline pipeline;

    SessionController(SessionService service, SessionRepository sessions, AdminCommands commands,
            CommandPipeline pipeline) {
        this.service = service;
        this.sessions = sessions;
        this.commands = commands;
        this.pipeline = pipeline;
    }

    record SignInRequest(String workspaceId, String login, String password) {
    }

    /** 201 with a session, or 202 with a second-factor challenge (the account's mode is enabled). */
    @PostMapping("/api/v1/sessions")
    ResponseEntity<Object> signIn(@RequestBody SignInRequest body, HttpServletRequest request) {
        if (body.workspaceId() == null || body.login() == null || body.password() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "workspaceId, login and password are required");
        }
        List<FieldProblem> unusable = SignInInput.problems(body.workspaceId(), body.login());
        if (!unusable.isEmpty()) {
            throw new RequestRejectedException(unusable);
        }
        return answer(service.signIn(body.workspaceId(), body.login(), body.password(), request.getRemoteAddr()));
    }

    /** @param code TOTP or SMS; @param credential FIDO2: the security key's PublicKeyCredential.toJSON() */
    record SecondFactorRequest(String challengeId, String code, SecurityKeys.Credential credential) {
    }

    /** Completes a sign-in: the challenge id from POST /api/v1/sessions and the code or security-key credential. */
    @PostMapping("/api/v1/sessions/second-factor")
    ResponseEntity<Object> completeSignIn(@RequestBody SecondFactorRequest body, HttpServletRequest request) {
        if (body.challengeId() == null || (body.code() == null && body.credential() == null)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "challengeId and a code (or, for a security key, the credential) are required");
        }
        return answer(service.completeSecondFactor(body.challengeId(), body.code() == null ? null : body.code().strip(),
                body.credential(), request.getRemoteAddr()));
    }

    private static ResponseEntity<Object> answer(SessionService.SignIn result) {
        if (result instanceof SessionService.SignedIn signedIn) {
            return ResponseEntity.status(HttpStatus.CREATED).body(signedIn);
        }
        if (result instanceof SessionService.SecondFactorRequired challenge) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(challenge);
        }
        SessionService.Refused refused = (SessionService.Refused) result;
        ProblemDetail problem = io.roster.invite.web.Problems.of(HttpStatus.valueOf(refused.status()),
                refused.detail());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refused.status());
        if (refused.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, refused.retryAfter().toSeconds())));
        }
        if (refused.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"roster-session\"");
        }
        return response.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * An admin resets a user's TOTP enrollment or security keys ({@code totp}, {@code fido2}: a lost phone or
     * key): the user's next sign-in enrolls anew.
     */
    @DeleteMapping("/api/v1/workspaces/{workspaceId}/accounts/{accountId}/two-factor/{method}")
    ResponseEntity<Void> resetTwoFactor(@PathVariable String workspaceId, @PathVariable String accountId,
            @PathVariable String method, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            HttpServletRequest request) {
        if (!method.equals("totp") && !method.equals("fido2")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "nothing to reset for '" + method + "' (totp or fido2)");
        }
        // The account.reset-two-factor.v1 command, as a Kafka producer would send it.
        commands.run(workspaceId, key, new ResetTwoFactor(accountId, method.toUpperCase(java.util.Locale.ROOT)),
                request);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/sessions/current")
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        service.signOut(SessionAuthentication.principal(request), request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    record SessionSettings(int idleTimeoutMinutes, boolean concurrentSessions, boolean mayChangeIdleTimeout,
            boolean mayChangeConcurrentSessions) {
    }

    record SessionSettingsChange(Integer idleTimeoutMinutes, Boolean concurrentSessions) {
    }

    @GetMapping("/api/v1/me/session-settings")
    SessionSettings mySettings(HttpServletRequest request) {
        SessionService.Principal p = SessionAuthentication.principal(request);
        return settings(p);
    }

    /**
     * The {@code account.update-session-settings.v1} command with the user as actor: checked against the workspace's
     * policy (403 for what it does not let users choose), applied and announced as {@code account.updated.v1}.
     */
    @PutMapping("/api/v1/me/session-settings")
    SessionSettings changeMySettings(@RequestBody SessionSettingsChange change, HttpServletRequest request) {
        SessionService.Principal p = SessionAuthentication.principal(request);
        Envelope<Payload> command = new Envelope<>(UUID.randomUUID(), MessageType.UPDATE_SESSION_SETTINGS.typeName(),
                Instant.now(), p.workspaceId(), "self-" + UUID.randomUUID(),
                new Actor(Actor.Kind.USER, p.accountId().toString(), request.getRemoteAddr()),
                new UpdateSessionSettings(p.accountId().toString(), change.idleTimeoutMinutes(),
                        change.concurrentSessions()));
        Outcome outcome = pipeline.answerNew(command);
        if (!outcome.accepted()) {
            throw new RequestRejectedException(outcome.problems());
        }
        return settings(p);
    }

    private SessionSettings settings(SessionService.Principal p) {
        SessionPolicy policy = sessions.policy(p.workspaceId());
        SessionRepository.Account account = sessions.account(p.accountId()).orElseThrow();
        return new SessionSettings(policy.effectiveIdleMinutes(account.idleTimeoutMinutes()),
                policy.effectiveConcurrent(account.concurrentSessions()),
                policy.usersChooseIdleTimeout(), policy.usersMayChangeConcurrentSessions());
    }

    /** The workspace's session control (admins). */
    @GetMapping("/api/v1/workspaces/{workspaceId}/settings/sessions")
    SessionPolicy policy(@PathVariable String workspaceId) {
        return sessions.policy(workspaceId);
    }

    /**
     * The body of a PUT of the policy: the policy as a client wrote it, its idle timeout policy not yet known to be
     * one (the command's handler refuses an unknown one with a specific problem, as it does on Kafka).
     */
    record SessionPolicyChange(String idleTimeoutPolicy, int idleTimeoutMinutes, boolean concurrentSessions,
            boolean usersMayChangeConcurrentSessions) {
    }

    /**
     * Sets the whole policy: the {@code workspace.update-settings.v1} command, handled as the same command on Kafka
     * would be (validated, applied and announced as {@code workspace.settings-changed.v1}).
     */
    @PutMapping("/api/v1/workspaces/{workspaceId}/settings/sessions")
    SessionPolicy changePolicy(@PathVariable String workspaceId, @RequestBody SessionPolicyChange policy,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        if (policy.idleTimeoutPolicy() == null) {
            // PUT replaces the policy: unlike the command, it cannot leave a field as it was.
            throw new RequestRejectedException(List.of(new FieldProblem("idleTimeoutPolicy", "required",
                    "must be USERS_CHOOSE or WORKSPACE_SETS")));
        }
        commands.run(workspaceId, key, new UpdateWorkspaceSettings(policy.idleTimeoutPolicy(),
                policy.idleTimeoutMinutes(), policy.concurrentSessions(), policy.usersMayChangeConcurrentSessions()),
                request);
        return sessions.policy(workspaceId);
    }
}
