package io.roster.contracts.workspace;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.roster.contracts.Payload;
import io.roster.contracts.account.Application;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.contracts.account.WorkspaceRules;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Event {@code workspace.facts.v1} on the compacted topic {@code roster.workspaces}, keyed by the workspace id
 * alone: the whole current state of a workspace — not a change — published when it is created and whenever one of
 * these facts changes, so the latest record of each workspace is all a service needs to know about it.
 * import-worker checks rows with {@link #rules}; the scheduler and audit-sink read local dates in {@link #timeZone};
 * the scheduler follows {@link #automaticSuspension}.
 */
@JsonClassDescription("The whole current state of a workspace, published by invite-service when the workspace is "
        + "created, whenever one of these facts changes and again at each start-up; the topic is compacted and keyed "
        + "by the workspace id alone, so the latest record of each workspace is its current state. The envelope's "
        + "workspaceId is the workspace.")
public record WorkspaceFacts(
        String name,
        WorkspacePlan plan,
        @JsonPropertyDescription("Accounts of type USER the workspace may hold (closed ones do not count)")
        int licenceCount,
        @JsonPropertyDescription("IANA time zone id such as Europe/Paris: suspension dates and the other local "
                + "dates and times of the workspace are in this zone")
        String timeZone,
        @JsonPropertyDescription("Enabled applications; they change what a valid account is (Save: SAVE_SPACE_MAX of "
                + "at least 1 GB and PUBLIC users; Work, Work_share and Meet: SHARE_SPACE_MAX required)")
        List<Application> applications,
        @JsonPropertyDescription("Two-factor modes the workspace enforces; an account's tfa mode outside them is "
                + "stored but not enforced")
        List<TwoFactorMode> tfaModes,
        IdleTimeoutPolicy idleTimeoutPolicy,
        @JsonPropertyDescription("1-1440: the idle timeout imposed (WORKSPACE_SETS) or the users' default "
                + "(USERS_CHOOSE)")
        int idleTimeoutMinutes,
        @JsonPropertyDescription("Whether one login may be signed in more than once (the workspace default)")
        boolean concurrentSessions,
        @JsonPropertyDescription("Whether users may change concurrentSessions for themselves")
        boolean usersMayChangeConcurrentSessions,
        @JsonPropertyDescription("Automatic suspension and expiry of accounts; absent: all off (a record from before "
                + "these settings existed)")
        AutomaticSuspension automaticSuspension) implements Payload {

    /** Facts without automatic suspension (all off). */
    public WorkspaceFacts(String name, WorkspacePlan plan, int licenceCount, String timeZone,
            List<Application> applications, List<TwoFactorMode> tfaModes, IdleTimeoutPolicy idleTimeoutPolicy,
            int idleTimeoutMinutes, boolean concurrentSessions, boolean usersMayChangeConcurrentSessions) {
        this(name, plan, licenceCount, timeZone, applications, tfaModes, idleTimeoutPolicy, idleTimeoutMinutes,
                concurrentSessions, usersMayChangeConcurrentSessions, AutomaticSuspension.OFF);
    }

    /** What the facts are about: the workspace itself. */
    public static final String SUBJECT = "workspace";

    public WorkspaceFacts {
        applications = List.copyOf(applications);
        tfaModes = List.copyOf(tfaModes);
        automaticSuspension = AutomaticSuspension.orOff(automaticSuspension);
    }

    /** The rules {@code AccountValidator} checks an account of this workspace with, at {@code now}. */
    public WorkspaceRules rules(Instant now) {
        Set<Application> enabled = applications.isEmpty() ? EnumSet.noneOf(Application.class)
                : EnumSet.copyOf(applications);
        return new WorkspaceRules(enabled, ZoneId.of(timeZone), now);
    }

    @Override
    public String subject() {
        return SUBJECT;
    }

    /** Keyed by the workspace id alone: compaction keeps one record, the latest, per workspace. */
    @Override
    public String key(String workspaceId) {
        return workspaceId;
    }
}
