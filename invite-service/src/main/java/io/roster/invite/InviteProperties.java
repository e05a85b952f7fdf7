package io.roster.invite;

import io.roster.contracts.account.Application;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.invite.workspace.Workspace;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.invite.*}.
 *
 * @param consumerConcurrency listener threads per subscribed topic. Two by default: a create-user batch locks its
 *     workspace row only for its last statement, so two threads overlap their batches of one workspace (drain
 *     7,400 → 12,000–13,200 requests/s, KafkaPathBenchmark); a third added queueing, not throughput. More
 *     instances spread the partitions further
 * @param workspaces workspaces created at start-up when absent (a demo workspace for a local run)
 * @param maxRequestBytes larger request bodies are refused with 413
 * @param operatorToken the platform operator's credential for creating workspaces; unset = no such endpoint
 * @param tfa two-factor sign-in
 * @param sms SMS delivery of sign-in codes
 */
@ConfigurationProperties("roster.invite")
public record InviteProperties(@DefaultValue("2") int consumerConcurrency,
        @DefaultValue List<WorkspaceSeed> workspaces, @DefaultValue("65536") int maxRequestBytes,
        @DefaultValue Invitations invitations, @DefaultValue Sessions sessions, String operatorToken,
        @DefaultValue TwoFactor tfa, @DefaultValue Sms sms) {

    /**
     * @param encryptionKey Base64 of a 16/24/32-byte AES key sealing TOTP secrets at rest; unset = TOTP sign-in
     *     is unavailable (answered 503), never skipped
     * @param challengeTtl how long a second-factor challenge (and an SMS code) can be completed
     * @param maxAttempts wrong codes one challenge accepts before it ends (each also counts towards the lockout)
     * @param issuer the name authenticator apps show next to the code, and the WebAuthn relying party's name
     * @param webauthnOrigin the origin browsers sign security-key challenges for; unset = the invitations' public URL
     * @param webauthnRpId the WebAuthn relying party id (a domain); unset = the host of the origin
     */
    public record TwoFactor(String encryptionKey, @DefaultValue("5m") java.time.Duration challengeTtl,
            @DefaultValue("5") int maxAttempts, @DefaultValue("Roster") String issuer, String webauthnOrigin,
            String webauthnRpId) {
    }

    /**
     * @param mailGatewayDomain an email-to-SMS gateway: codes go by mail to {@code <digits>@<domain>}; unset and
     *     no other {@code SmsSender} bean = SMS sign-in is unavailable (answered 503), never skipped
     * @param maxPerAccount SMS codes one account may be sent in {@code perAccountWindow} (each costs money): a user
     *     who mistyped or lost a code twice still gets a third
     * @param perAccountWindow the sliding window of {@code maxPerAccount}
     * @param maxPerWorkspace SMS codes one workspace's accounts may be sent in {@code perWorkspaceWindow}, together:
     *     bounds what an abuser can cost; raise it for a large workspace that signs in with SMS
     * @param perWorkspaceWindow the sliding window of {@code maxPerWorkspace}
     */
    public record Sms(String mailGatewayDomain, @DefaultValue("3") int maxPerAccount,
            @DefaultValue("10m") java.time.Duration perAccountWindow, @DefaultValue("500") int maxPerWorkspace,
            @DefaultValue("1h") java.time.Duration perWorkspaceWindow) {
    }

    /**
     * @param maxFailures failed sign-ins in a row that lock a login
     * @param lockDuration how long it stays locked
     */
    public record Sessions(@DefaultValue("5") int maxFailures, @DefaultValue("15m") java.time.Duration lockDuration) {
    }

    /**
     * @param ttl how long an activation link works
     * @param maxPerRequest addresses per invitation request on a STANDARD plan (25; raise it on request)
     * @param trialTotal users a TRIAL workspace can invite in all
     * @param resendInterval the shortest time between two sends of one invitation
     * @param publicUrl where invitees reach Roster: the activation link starts with it
     */
    public record Invitations(@DefaultValue("7d") java.time.Duration ttl, @DefaultValue("25") int maxPerRequest,
            @DefaultValue("5") int trialTotal, @DefaultValue("60s") java.time.Duration resendInterval,
            @DefaultValue("http://localhost:8080") String publicUrl) {
    }

    /**
     * @param adminAccessKey optional {@code <id>.<secret>} admin key stored (hashed) with the workspace: a demo or
     *     bootstrap credential; keys are otherwise issued with their secret shown once
     * @param buckets buckets registered in the workspace at start-up when absent (none is ever removed by this)
     */
    public record WorkspaceSeed(String id, String name, @DefaultValue("STANDARD") Workspace.Plan plan,
            @DefaultValue("25") int licenceCount, @DefaultValue("UTC") java.time.ZoneId timeZone,
            @DefaultValue Set<Application> applications, @DefaultValue Set<TwoFactorMode> tfaModes,
            String adminAccessKey, @DefaultValue List<String> buckets) {

        Workspace toWorkspace() {
            return new Workspace(id, name == null ? id : name, plan, licenceCount, timeZone, applications, tfaModes);
        }
    }
}
