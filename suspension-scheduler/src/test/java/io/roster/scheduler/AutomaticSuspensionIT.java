package io.roster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.CloseAccount;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.WarnOfSuspension;
import io.roster.contracts.activity.ActivityRecorded;
import io.roster.contracts.workspace.AutomaticSuspension;
import io.roster.contracts.workspace.IdleTimeoutPolicy;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.workspace.WorkspacePlan;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/**
 * Automatic suspension, its warning and expiry, rule by rule: from the workspace's settings (workspace.facts.v1),
 * account events and sign-ins (activity.recorded.v1 SIGN_IN) to the commands the sweep publishes.
 */
class AutomaticSuspensionIT extends SchedulerIntegrationTest {

    private static final Duration DAY = Duration.ofDays(1);

    @LocalServerPort
    int port;

    private Instant t0;

    @BeforeEach
    void startTheClock() {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
    }

    /** Publishes the workspace's facts with these settings and waits until the scheduler holds them. */
    private void settings(String ws, AutomaticSuspension settings, Instant at) {
        publish(event(ws, new WorkspaceFacts("Idle Corp", WorkspacePlan.STANDARD, 10, "Europe/Paris", List.of(),
                List.of(), IdleTimeoutPolicy.USERS_CHOOSE, 30, true, false, settings), at));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM scheduler.workspace_policy"
                        + " WHERE workspace_id = ? AND version >= ?")
                .params(ws, Timestamp.from(at)).query(Long.class).single() == 1);
    }

    private static AccountCreated account(String id, AccountStatus status, ExpirationMode mode, boolean prevent) {
        return new AccountCreated(id, AccountType.USER, "login." + id.substring(0, 8), id.substring(0, 8)
                + "@acme.example", "Ada", "Lovelace", status, MailLanguage.FR, false, null, null, mode, prevent, false,
                Permission.READ_ONLY, List.of());
    }

    private static AccountUpdated expiration(String id, ExpirationMode mode, Boolean prevent) {
        List<String> fields = mode != null ? List.of("expirationMode") : List.of("preventAutomaticSuspension");
        return new AccountUpdated(id, fields, new AccountUpdated.NewValues(null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, mode, null, prevent, null, null,
                null, null, null));
    }

    private static Envelope<Payload> signIn(String ws, String account, Instant at) {
        return new Envelope<>(java.util.UUID.randomUUID(), "activity.recorded.v1", at, ws,
                "session-" + java.util.UUID.randomUUID(), new Actor(Actor.Kind.USER, account, "198.51.100.4"),
                new ActivityRecorded("SIGN_IN", account, "login." + account.substring(0, 8), "password"));
    }

    /** The account's pending automatic transitions: kind → due instant. */
    private Map<String, Instant> automatic(String ws, String account) {
        return jdbc.sql("SELECT kind, due_at FROM scheduler.due_transition WHERE workspace_id = ? AND subject_id = ?"
                        + " AND kind IN ('AUTO_SUSPEND', 'SUSPENSION_WARNING', 'AUTO_EXPIRE')")
                .params(ws, account)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<Payload> payloads(String ws) {
        return commands(ws).stream().map(Envelope::payload).toList();
    }

    private void nothingMoreThan(String ws, int commands) {
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> commands(ws).size() == commands);
    }

    @Test
    void anIdleAccountIsWarnedThenSuspendedThenClosedAndASignInMovesItsSuspension() {
        String ws = newWorkspace();
        settings(ws, new AutomaticSuspension(10, 5, 3), t0);
        String account = newAccount();
        applied(event(ws, account(account, AccountStatus.ACTIVE, ExpirationMode.DEFAULT, false), t0));
        assertThat(automatic(ws, account)).isEqualTo(Map.of("AUTO_SUSPEND", t0.plus(DAY.multipliedBy(10)),
                "SUSPENSION_WARNING", t0.plus(DAY.multipliedBy(7))));

        // the schedule endpoint lists the new kinds, the warning with the suspension it announces
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + adminKey(ws)).build();
        List<Map<String, Object>> listed = http.get().uri("/api/v1/workspaces/{ws}/scheduled-transitions", ws)
                .retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(listed).extracting(t -> t.get("kind") + " " + t.get("command") + " " + t.get("dueAt") + " "
                + t.get("suspensionAt")).containsExactly(
                        "SUSPENSION_WARNING account.warn-suspension.v1 " + t0.plus(DAY.multipliedBy(7)) + " "
                                + t0.plus(DAY.multipliedBy(10)),
                        "AUTO_SUSPEND account.suspend.v1 " + t0.plus(DAY.multipliedBy(10)) + " null");

        // seven days on: the warning of the suspension due three days later
        clock.set(t0.plus(DAY.multipliedBy(7)));
        await().atMost(WAIT).until(() -> commands(ws).size() == 1);
        Envelope<Payload> warning = commands(ws).get(0);
        assertThat(warning.payload()).isEqualTo(new WarnOfSuspension(account, t0.plus(DAY.multipliedBy(10)), t0));
        assertThat(warning.actor().kind()).isEqualTo(Actor.Kind.SCHEDULER);
        assertThat(warning.requestId()).isEqualTo("scheduler:suspension_warning:" + account + ":"
                + t0.plus(DAY.multipliedBy(10)).toEpochMilli());

        // a sign-in on day 8 moves the suspension to day 18 and brings a new warning on day 15; an older sign-in,
        // or the same one again, changes nothing
        Envelope<Payload> day8 = publish(signIn(ws, account, t0.plus(DAY.multipliedBy(8))));
        await().atMost(WAIT).until(() -> t0.plus(DAY.multipliedBy(18)).equals(automatic(ws, account).get("AUTO_SUSPEND")));
        assertThat(automatic(ws, account)).containsEntry("SUSPENSION_WARNING", t0.plus(DAY.multipliedBy(15)));
        publish(signIn(ws, account, t0.plus(DAY)));
        publish(day8);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() ->
                t0.plus(DAY.multipliedBy(18)).equals(automatic(ws, account).get("AUTO_SUSPEND")));
        clock.set(t0.plus(DAY.multipliedBy(10)));
        nothingMoreThan(ws, 1);

        clock.set(t0.plus(DAY.multipliedBy(15)));
        await().atMost(WAIT).until(() -> commands(ws).size() == 2);
        assertThat(commands(ws).get(1).payload()).isEqualTo(new WarnOfSuspension(account,
                t0.plus(DAY.multipliedBy(18)), t0.plus(DAY.multipliedBy(8))));

        clock.set(t0.plus(DAY.multipliedBy(18)));
        await().atMost(WAIT).until(() -> commands(ws).size() == 3);
        Envelope<Payload> suspension = commands(ws).get(2);
        assertThat(suspension.payload()).isInstanceOfSatisfying(SuspendAccount.class, s -> {
            assertThat(s.accountId()).isEqualTo(account);
            assertThat(s.reason()).startsWith("automatic suspension");
            // its premise: idle since the sign-in of day 8
            assertThat(s.idleSince()).isEqualTo(t0.plus(DAY.multipliedBy(8)));
        });
        assertThat(suspension.actor().kind()).isEqualTo(Actor.Kind.SCHEDULER);

        // invite-service's answer: INACTIVE since day 18, so closed on day 23
        applied(event(ws, new AccountStatusChanged(account, AccountStatus.ACTIVE, AccountStatus.INACTIVE,
                "automatic suspension"), t0.plus(DAY.multipliedBy(18))));
        assertThat(automatic(ws, account)).isEqualTo(Map.of("AUTO_EXPIRE", t0.plus(DAY.multipliedBy(23))));
        clock.set(t0.plus(DAY.multipliedBy(23)));
        await().atMost(WAIT).until(() -> commands(ws).size() == 4);
        assertThat(commands(ws).get(3).payload()).isInstanceOfSatisfying(CloseAccount.class, c -> {
            assertThat(c.accountId()).isEqualTo(account);
            assertThat(c.reason()).startsWith("automatic expiry");
            assertThat(c.suspendedSince()).isEqualTo(t0.plus(DAY.multipliedBy(18)));
        });
        assertThat(automatic(ws, account)).isEmpty();
        nothingMoreThan(ws, 4);
    }

    @Test
    void expirationModeDisabledAndPreventedAccountsNeverTransitionAutomatically() {
        String ws = newWorkspace();
        settings(ws, new AutomaticSuspension(10, 5, 3), t0);
        String disabled = newAccount();
        String prevented = newAccount();
        String following = newAccount();
        applied(event(ws, account(disabled, AccountStatus.ACTIVE, ExpirationMode.DISABLED, false), t0));
        applied(event(ws, account(prevented, AccountStatus.INACTIVE, ExpirationMode.DEFAULT, true), t0));
        applied(event(ws, account(following, AccountStatus.INACTIVE, ExpirationMode.DEFAULT, false), t0));
        assertThat(automatic(ws, disabled)).isEmpty();
        assertThat(automatic(ws, prevented)).isEmpty();
        assertThat(automatic(ws, following)).isEqualTo(Map.of("AUTO_EXPIRE", t0.plus(DAY.multipliedBy(5))));

        // DEFAULT follows the settings: from when the account became ACTIVE (it never signed in)
        applied(event(ws, expiration(disabled, ExpirationMode.DEFAULT, null), t0.plusSeconds(1)));
        assertThat(automatic(ws, disabled)).containsEntry("AUTO_SUSPEND", t0.plus(DAY.multipliedBy(10)));
        applied(event(ws, expiration(disabled, ExpirationMode.DISABLED, null), t0.plusSeconds(2)));
        applied(event(ws, expiration(following, null, true), t0.plusSeconds(2)));
        assertThat(automatic(ws, disabled)).isEmpty();
        assertThat(automatic(ws, following)).isEmpty();

        // a late event from before the change does not bring them back
        applied(event(ws, expiration(disabled, ExpirationMode.DEFAULT, null), t0.plusSeconds(1)));
        assertThat(automatic(ws, disabled)).isEmpty();

        // a sign-in does not either, and the sweep sends nothing
        publish(signIn(ws, disabled, t0.plus(DAY)));
        clock.set(t0.plus(DAY.multipliedBy(40)));
        nothingMoreThan(ws, 0);
    }

    @Test
    void changedSettingsRecomputeTheWholeWorkspaceAndOffCancelsOnlyTheAutomaticOnes() {
        String ws = newWorkspace();
        String active = newAccount();
        String inactive = newAccount();
        String longIdle = newAccount();
        String dated = newAccount();
        applied(event(ws, account(active, AccountStatus.ACTIVE, ExpirationMode.DEFAULT, false), t0));
        applied(event(ws, account(inactive, AccountStatus.INACTIVE, ExpirationMode.DEFAULT, false), t0));
        applied(event(ws, account(longIdle, AccountStatus.ACTIVE, ExpirationMode.DEFAULT, false),
                t0.minus(DAY.multipliedBy(30))));
        applied(event(ws, created(dated, AccountStatus.ACTIVE, t0.plus(DAY.multipliedBy(100))), t0));
        publish(signIn(ws, active, t0.plus(Duration.ofHours(1))));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT last_sign_in_at FROM scheduler.account_schedule"
                        + " WHERE workspace_id = ? AND account_id = ?").params(ws, active)
                .query((rs, n) -> rs.getTimestamp(1)).optional().filter(java.util.Objects::nonNull).isPresent());
        assertThat(dueRows(ws)).as("settings off: the suspension date only").isEqualTo(1);

        settings(ws, new AutomaticSuspension(10, 5, 3), t0.plusSeconds(10));
        Instant activeSuspension = t0.plus(Duration.ofHours(1)).plus(DAY.multipliedBy(10));
        assertThat(automatic(ws, active)).isEqualTo(Map.of("AUTO_SUSPEND", activeSuspension,
                "SUSPENSION_WARNING", activeSuspension.minus(DAY.multipliedBy(3))));
        assertThat(automatic(ws, inactive)).isEqualTo(Map.of("AUTO_EXPIRE", t0.plus(DAY.multipliedBy(5))));
        // idle for 30 days already: suspended at the next sweep, and no warning of a suspension already due
        await().atMost(WAIT).until(() -> payloads(ws).contains(SuspendAccount.idleSince(longIdle,
                "automatic suspension: no sign-in within the workspace's limit", t0.minus(DAY.multipliedBy(30)))));
        assertThat(commands(ws)).singleElement().satisfies(c -> assertThat(c.requestId())
                .isEqualTo("scheduler:auto_suspend:" + longIdle + ":" + t0.minus(DAY.multipliedBy(20)).toEpochMilli()
                        + ":" + t0.minus(DAY.multipliedBy(30)).toEpochMilli()));
        assertThat(automatic(ws, longIdle)).isEmpty();

        // facts older than those applied change nothing; the same settings again neither
        settings(ws, new AutomaticSuspension(0, 0, 0), t0.plusSeconds(5));
        publish(event(ws, new WorkspaceFacts("Idle Corp", WorkspacePlan.STANDARD, 10, "Europe/Paris", List.of(),
                List.of(), IdleTimeoutPolicy.USERS_CHOOSE, 30, true, false, new AutomaticSuspension(10, 5, 3)),
                t0.plusSeconds(11)));
        assertThat(automatic(ws, active)).containsKey("AUTO_SUSPEND");

        // a longer period moves them all
        settings(ws, new AutomaticSuspension(20, 0, 0), t0.plusSeconds(20));
        assertThat(automatic(ws, active)).isEqualTo(Map.of("AUTO_SUSPEND", activeSuspension.plus(DAY.multipliedBy(10))));
        assertThat(automatic(ws, inactive)).isEmpty();

        // a reactivated account gets the whole period again, from its reactivation
        applied(event(ws, new AccountStatusChanged(inactive, AccountStatus.INACTIVE, AccountStatus.ACTIVE, "back"),
                t0.plus(DAY)));
        assertThat(automatic(ws, inactive)).isEqualTo(Map.of("AUTO_SUSPEND", t0.plus(DAY.multipliedBy(21))));

        // off: every automatic transition goes, the suspension date stays
        settings(ws, AutomaticSuspension.OFF, t0.plusSeconds(30));
        assertThat(dueRows(ws)).isEqualTo(1);
        assertThat(dueSuspension(ws, dated)).contains(t0.plus(DAY.multipliedBy(100)));
    }
}
