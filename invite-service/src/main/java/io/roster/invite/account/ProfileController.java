package io.roster.invite.account;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.account.UpdateAccount;
import io.roster.invite.http.RequestRejectedException;
import io.roster.invite.pipeline.CommandPipeline;
import io.roster.invite.pipeline.Outcome;
import io.roster.invite.session.SessionAuthentication;
import io.roster.invite.session.SessionService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A signed-in user's own profile: read it, change the fields a user may change. */
@RestController
class ProfileController {

    private final AccountRepository accounts;
    private final CommandPipeline pipeline;

    ProfileController(AccountRepository accounts, CommandPipeline pipeline) {
        this.accounts = accounts;
        this.pipeline = pipeline;
    }

    @GetMapping("/api/v1/me")
    Object me(HttpServletRequest request) {
        SessionService.Principal p = SessionAuthentication.principal(request);
        return AccountView.of(accounts.find(p.workspaceId(), p.accountId()).orElseThrow());
    }

    /** Profile fields a user may change themselves; refused when MODIFICATION_PREVENTION is set. */
    record ProfileChange(String firstName, String lastName, String phone, String company, String companyDepartment,
            String function, String city, String address, String zipcode, String country, String biography,
            String mailLanguage) {
    }

    /** The {@code account.update.v1} command with the user as actor, as an admin's change would be. */
    @PatchMapping("/api/v1/me")
    Object updateMe(@RequestBody ProfileChange change, HttpServletRequest request) {
        SessionService.Principal p = SessionAuthentication.principal(request);
        Account account = accounts.find(p.workspaceId(), p.accountId()).orElseThrow();
        if (account.modificationPrevention()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "modification prevention is set on this account: ask an admin to change your profile");
        }
        UpdateAccount update = new UpdateAccount(p.accountId().toString(), null, change.firstName(),
                change.lastName(), change.mailLanguage(), null, null, null, null, change.company(),
                change.companyDepartment(), change.function(), null, change.city(), change.address(),
                change.zipcode(), change.country(), change.phone(), change.biography(), null, null, null, null, null,
                null, null);
        Envelope<Payload> command = new Envelope<>(UUID.randomUUID(), MessageType.UPDATE_ACCOUNT.typeName(),
                Instant.now(), p.workspaceId(), "self-" + UUID.randomUUID(),
                new Actor(Actor.Kind.USER, p.accountId().toString(), request.getRemoteAddr()), update);
        Outcome outcome = pipeline.answerNew(command);
        if (!outcome.accepted()) {
            throw new RequestRejectedException(outcome.problems());
        }
        return AccountView.of(accounts.find(p.workspaceId(), p.accountId()).orElseThrow());
    }
}
