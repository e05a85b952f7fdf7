package io.roster.audit.activity;

import io.roster.contracts.Envelope;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountSuspensionWarned;
import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.activity.ActivityRecorded;
import io.roster.contracts.bucket.BucketCreated;
import io.roster.contracts.bucket.BucketDeleted;
import io.roster.contracts.imports.ImportCompleted;
import io.roster.contracts.invitation.InvitationChanged;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.workspace.WorkspaceSettingsChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How each event type reads in the activity log: a stable activity code, the account concerned and a readable text.
 * Whoever adds an event type adds its description here (one {@code if} below); ActivityDescriptionTest fails for a
 * type without one, and the listener dead-letters its records rather than log them unreadable.
 */
record ActivityDescription(String action, String accountId, String summary) {

    /** The description of the event, or null when its type has none. */
    static ActivityDescription of(Envelope<?> event) {
        Object p = event.payload();
        if (p instanceof AccountCreated c) {
            return new ActivityDescription("ACCOUNT_CREATED", c.accountId(), c.accountType() + " account "
                    + (c.login() == null ? c.email() : c.login()) + " created (" + c.status() + ")");
        }
        if (p instanceof AccountUpdated u) {
            return new ActivityDescription("ACCOUNT_UPDATED", u.accountId(),
                    "account updated: " + String.join(", ", u.changedFields()));
        }
        if (p instanceof AccountStatusChanged s) {
            return new ActivityDescription("ACCOUNT_" + s.to(), s.accountId(),
                    "status " + s.from() + " -> " + s.to() + (s.reason() == null ? "" : " (" + s.reason() + ")"));
        }
        if (p instanceof AccountSuspensionWarned w) {
            return new ActivityDescription("ACCOUNT_SUSPENSION_WARNED", w.accountId(), "warned by mail ("
                    + w.mailLanguage().code() + ") of the automatic suspension due at " + w.suspendAt());
        }
        if (p instanceof AccountDeleted d) {
            return new ActivityDescription("ACCOUNT_DELETED", d.pseudonymousId(), "account deleted permanently");
        }
        if (p instanceof AccountRequestRejected r) {
            return new ActivityDescription("REQUEST_REJECTED", null, r.requestType() + " for " + r.subject()
                    + " rejected: " + r.problems().stream().map(ActivityDescription::describe)
                            .collect(Collectors.joining("; ")));
        }
        if (p instanceof InvitationChanged i) {
            return new ActivityDescription("INVITATION_" + i.change(), i.accountId(),
                    "invitation to " + i.email() + " " + i.change().name().toLowerCase(Locale.ROOT));
        }
        if (p instanceof BucketCreated b) {
            return new ActivityDescription("BUCKET_CREATED", null, "bucket " + b.name() + " created");
        }
        if (p instanceof BucketDeleted b) {
            return new ActivityDescription("BUCKET_DELETED", null, "bucket " + b.name() + " deleted");
        }
        if (p instanceof WorkspaceSettingsChanged s) {
            return new ActivityDescription("WORKSPACE_SETTINGS_CHANGED", null, "session settings set: idle timeout "
                    + s.idleTimeoutMinutes() + " min (" + s.idleTimeoutPolicy() + "), concurrent sessions "
                    + (s.concurrentSessions() ? "on" : "off") + (s.usersMayChangeConcurrentSessions()
                            ? " (users may change it)" : "") + automatic(s) + (s.changedFields().isEmpty()
                                    ? "; nothing changed"
                                    : "; changed: " + String.join(", ", s.changedFields())));
        }
        if (p instanceof ActivityRecorded a) {
            return new ActivityDescription(a.action(), a.accountId(), a.action()
                    + (a.login() == null ? "" : " " + a.login()) + (a.detail() == null ? "" : ": " + a.detail()));
        }
        if (p instanceof ImportCompleted i) {
            return new ActivityDescription("IMPORT_" + i.outcome(), null, i.template() + " "
                    + (i.mode() == ImportCompleted.Mode.DRY_RUN ? "dry run" : "import") + " of " + i.fileName() + " "
                    + i.outcome().name().toLowerCase(Locale.ROOT) + ": " + i.rowsRead() + " rows read, "
                    + i.rowsInvalid() + " invalid, " + i.accountsCreated() + " accounts created, " + i.rowsFailed()
                    + " refused when applied" + (i.error() == null ? "" : " (" + i.error() + ")"));
        }
        if (p instanceof AccessKeyIssued k) {
            return new ActivityDescription("ACCESS_KEY_ISSUED", null, "admin access key " + k.name() + " ("
                    + k.keyId() + ") issued");
        }
        if (p instanceof AccessKeyRevoked k) {
            return new ActivityDescription("ACCESS_KEY_REVOKED", null, "admin access key " + k.keyId() + " revoked");
        }
        if (p instanceof WorkspaceFacts f) {
            return workspace(null, f);
        }
        return null;
    }

    /** The automatic suspension's part of a settings change: said when on, or when the change turned it off. */
    private static String automatic(WorkspaceSettingsChanged s) {
        var a = s.automaticSuspension();
        if (!a.isOn()) {
            return s.changedFields().contains("automaticSuspension") ? "; automatic suspension off" : "";
        }
        return "; automatic suspension " + automatic(a);
    }

    private static String automatic(io.roster.contracts.workspace.AutomaticSuspension a) {
        return !a.isOn() ? "off" : (a.suspendAfterDays() == 0 ? "off"
                : "after " + a.suspendAfterDays() + " d without sign-in" + (a.warnDaysBefore() == 0 ? ""
                        : " (warned " + a.warnDaysBefore() + " d before)"))
                + ", expiry " + (a.expireAfterDays() == 0 ? "off" : "after " + a.expireAfterDays() + " d suspended");
    }

    /**
     * A workspace's facts as an entry: its first facts known here, or what changed since the previous ones; null
     * when nothing did (the facts are republished unchanged at every start-up of invite-service).
     */
    static ActivityDescription workspace(WorkspaceFacts previous, WorkspaceFacts now) {
        if (previous == null) {
            return new ActivityDescription("WORKSPACE_REGISTERED", null, "workspace " + now.name() + " registered: "
                    + now.plan() + " plan, " + now.licenceCount() + " licences, time zone " + now.timeZone()
                    + ", applications " + now.applications() + ", two-factor modes " + now.tfaModes());
        }
        List<String> changes = new ArrayList<>();
        change(changes, "name", previous, now, WorkspaceFacts::name);
        change(changes, "plan", previous, now, WorkspaceFacts::plan);
        change(changes, "licences", previous, now, WorkspaceFacts::licenceCount);
        change(changes, "time zone", previous, now, WorkspaceFacts::timeZone);
        change(changes, "applications", previous, now, WorkspaceFacts::applications);
        change(changes, "two-factor modes", previous, now, WorkspaceFacts::tfaModes);
        change(changes, "idle timeout policy", previous, now, WorkspaceFacts::idleTimeoutPolicy);
        change(changes, "idle timeout minutes", previous, now, WorkspaceFacts::idleTimeoutMinutes);
        change(changes, "concurrent sessions", previous, now, WorkspaceFacts::concurrentSessions);
        change(changes, "users may change concurrent sessions", previous, now,
                WorkspaceFacts::usersMayChangeConcurrentSessions);
        change(changes, "automatic suspension", previous, now, f -> automatic(f.automaticSuspension()));
        return changes.isEmpty() ? null : new ActivityDescription("WORKSPACE_CHANGED", null,
                "workspace " + now.name() + " changed: " + String.join("; ", changes));
    }

    private static void change(List<String> changes, String what, WorkspaceFacts previous, WorkspaceFacts now,
            Function<WorkspaceFacts, Object> fact) {
        if (!Objects.equals(fact.apply(previous), fact.apply(now))) {
            changes.add(what + " " + fact.apply(previous) + " -> " + fact.apply(now));
        }
    }

    private static String describe(FieldProblem p) {
        return (p.field() == null ? "" : p.field() + " ") + p.message();
    }
}
