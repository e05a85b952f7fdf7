package io.roster.invite.account;

import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.UpdateAccount;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.invite.bucket.BucketRegistry;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.workspace.Workspace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code account.update.v1}, from admins, users editing their own profile and Kafka alike: the changed fields are
 * overlaid on the stored account and the whole is validated again, with the same validator as a creation.
 */
@Component
class UpdateAccountHandler implements CommandHandler<UpdateAccount> {

    private final AccountRepository accounts;
    private final BucketRegistry buckets;
    private final Clock clock;

    UpdateAccountHandler(AccountRepository accounts, BucketRegistry buckets, @Qualifier("inviteClock") Clock clock) {
        this.accounts = accounts;
        this.buckets = buckets;
        this.clock = clock;
    }

    @Override
    public Class<UpdateAccount> payloadType() {
        return UpdateAccount.class;
    }

    /** Overlays the changed fields on the stored account and re-validates the whole, with the same validator. */
    @Override
    public Decision decide(Command<UpdateAccount> command) {
        UpdateAccount change = command.payload();
        Workspace workspace = command.workspace();
        Optional<Account> found = accounts.lock(command.workspaceId(), change.accountId());
        if (found.isEmpty()) {
            return Decision.refused(TransitionHandler.notFound(change.accountId()));
        }
        Account a = found.get();
        boolean user = a.isUser();
        List<FieldProblem> problems = new ArrayList<>();
        if (!user && (change.admin() != null || change.permission() != null || change.buckets() != null
                || change.shareSpaceMax() != null || change.saveSpaceMax() != null || change.expirationMode() != null
                || change.restrictedRights() != null || change.preventAutomaticSuspension() != null
                || change.idleTimeoutMinutes() != null)) {
            problems.add(new FieldProblem(null, "not_applicable",
                    "admin, access, storage, expiry and session fields apply to USER accounts only"));
        }
        String suspension = change.suspensionDate();
        AccountValidator.Result result = user
                ? AccountValidator.validateUser(new CreateUser(a.login(), or(change.email(), a.email()),
                        or(change.firstName(), a.firstName()), or(change.lastName(), a.lastName()),
                        name(a.status()),
                        or(change.mailLanguage(), a.mailLanguage().code()),
                        or(change.shareSpaceMax(), a.shareSpaceMax()),
                        or(change.saveSpaceMax(), a.saveSpaceMax()),
                        or(change.visibilityScope(), name(a.visibilityScope())),
                        or(change.modificationPrevention(), a.modificationPrevention()),
                        or(change.company(), a.company()), or(change.companyDepartment(), a.companyDepartment()),
                        or(change.function(), a.function()), or(change.tfa(), name(a.tfa())),
                        or(change.city(), a.city()),
                        or(change.address(), a.address()), or(change.zipcode(), a.zipcode()),
                        or(change.country(), a.country()), or(change.phone(), a.phone()),
                        or(change.biography(), a.biography()), suspension, a.creationNotification(),
                        or(change.expirationMode(), name(a.expirationMode())),
                        or(change.restrictedRights(), a.restrictedRights()),
                        or(change.preventAutomaticSuspension(), a.preventAutomaticSuspension()),
                        or(change.admin(), a.admin()), or(change.permission(), name(a.permission())),
                        change.buckets() != null ? change.buckets() : a.buckets(),
                        or(change.idleTimeoutMinutes(), a.idleTimeoutMinutes())),
                        workspace.rules(clock.instant()))
                : AccountValidator.validateContact(new CreateContact("owner", null, null, a.login(),
                        or(change.email(), a.email()), or(change.firstName(), a.firstName()),
                        or(change.lastName(), a.lastName()), name(a.status()),
                        or(change.mailLanguage(), a.mailLanguage().code()),
                        or(change.visibilityScope(), name(a.visibilityScope())),
                        or(change.modificationPrevention(), a.modificationPrevention()),
                        or(change.company(), a.company()), or(change.companyDepartment(), a.companyDepartment()),
                        or(change.function(), a.function()), or(change.tfa(), name(a.tfa())),
                        or(change.city(), a.city()),
                        or(change.address(), a.address()), or(change.zipcode(), a.zipcode()),
                        or(change.country(), a.country()), or(change.phone(), a.phone()),
                        or(change.biography(), a.biography()), suspension, a.creationNotification()),
                        workspace.rules(clock.instant()));
        problems.addAll(result.problems());
        if (result.isValid() && change.buckets() != null) {
            problems.addAll(buckets.unknown(workspace.id(), result.account().buckets(), "buckets"));
        }
        if (result.isValid() && accounts.emailTakenByOther(workspace.id(), result.account().email(), a.id())) {
            problems.add(new FieldProblem("email", "duplicate", "an account with this email already exists"));
        }
        if (!problems.isEmpty()) {
            return Decision.refused(problems);
        }
        ValidatedAccount merged = result.account();
        if (suspension == null && a.suspensionAt() != null) {
            // An unchanged suspension date is kept as stored, even when it has passed since.
            merged = withSuspension(merged, a.suspensionAt());
        }
        List<String> changed = changedFields(change);
        accounts.update(a.id(), merged);
        return Decision.accepted(a.id(), AccountUpdated.of(a.id().toString(), changed, merged));
    }

    private static List<String> changedFields(UpdateAccount change) {
        List<String> names = new ArrayList<>();
        for (var component : UpdateAccount.class.getRecordComponents()) {
            try {
                if (!component.getName().equals("accountId") && component.getAccessor().invoke(change) != null) {
                    names.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    private static ValidatedAccount withSuspension(ValidatedAccount a, java.time.Instant at) {
        return new ValidatedAccount(a.type(), a.login(), a.email(), a.firstName(), a.lastName(), a.status(),
                a.mailLanguage(), a.shareSpaceMax(), a.saveSpaceMax(), a.visibilityScope(), a.modificationPrevention(),
                a.company(), a.companyDepartment(), a.function(), a.tfa(), a.city(), a.address(), a.zipcode(),
                a.country(), a.phone(), a.biography(), at, a.creationNotification(), a.expirationMode(),
                a.restrictedRights(), a.preventAutomaticSuspension(), a.admin(), a.permission(), a.buckets(),
                a.ownerLogin(), a.idleTimeoutMinutes());
    }

    /** An enum as the command's text field spells it. */
    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
