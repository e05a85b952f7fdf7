package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountSuspensionWarned;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.WarnOfSuspension;
import io.roster.contracts.workspace.AutomaticSuspension;
import io.roster.contracts.workspace.UpdateWorkspaceSettings;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.workspace.WorkspaceSettingsChanged;
import io.roster.testsupport.Mailboxes;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The automatic suspension's part in invite-service: its settings (REST and Kafka, validated, announced in the
 * workspace's facts for the scheduler) and the scheduler's warning, mailed in the account's language once per
 * suspension (GreenMail).
 */
@InviteServiceIntegrationTest
class AutomaticSuspensionIT extends InviteServiceTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private record Workspace(String id, String key) {
    }

    private Workspace newWorkspace() {
        String id = "autosusp-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created = call("POST", "/api/v1/workspaces", "Bearer operator-test-token", """
                {"id": "%s", "name": "Idle Corp", "plan": "STANDARD", "licenceCount": 10, "timeZone": "Europe/Paris",
                 "applications": [], "tfaModes": []}""".formatted(id));
        assertThat(created.status()).isEqualTo(201);
        return new Workspace(id, "Bearer " + created.body().get("adminAccessKey").get("token").asString());
    }

    private String newUser(Workspace ws, String firstName, MailLanguage language) {
        String login = "idle." + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created = call("POST", "/api/v1/workspaces/" + ws.id() + "/accounts/users", ws.key(), """
                {"login": "%s", "email": "%s@idle.example", "firstName": "%s", "lastName": "Idle", "status": "ACTIVE",
                 "mailLanguage": "%s", "visibilityScope": "PUBLIC", "creationNotification": false}"""
                .formatted(login, login, firstName, language.code()));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    private Envelope<Payload> send(String workspaceId, Payload payload, String requestId) {
        Envelope<Payload> command = new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(),
                Instant.now(), workspaceId, requestId, new Actor(Actor.Kind.SCHEDULER, "suspension-scheduler", null),
                payload);
        kafka.send(Topics.ACCOUNT_REQUESTS, command.key(), CODEC.writeString(command));
        return command;
    }

    private Payload answer(Envelope<Payload> command) {
        return CODEC.read(kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(command.requestId()), 1, WAIT)
                .get(0).value()).payload();
    }

    private static MimeMessage[] warnings(String address) {
        return Arrays.stream(Mailboxes.receivedBy(address)).filter(m -> {
            try {
                return !m.getSubject().contains("created");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }

    private String email(Workspace ws, String accountId) {
        return call("GET", "/api/v1/workspaces/" + ws.id() + "/accounts/" + accountId, ws.key(), null).body()
                .get("email").asString();
    }

    @Test
    void settingsAreSetOverHttpAnnouncedToTheSchedulerAndOffByDefault() {
        Workspace ws = newWorkspace();
        String path = "/api/v1/workspaces/" + ws.id() + "/settings/automatic-suspension";
        ApiClient.Response initial = call("GET", path, ws.key(), null);
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.body().get("suspendAfterDays").asInt()).isZero();

        ApiClient.Response set = call("PUT", path, ws.key(),
                "{\"suspendAfterDays\": 90, \"expireAfterDays\": 30, \"warnDaysBefore\": 7}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().get("suspendAfterDays").asInt()).isEqualTo(90);
        assertThat(set.body().get("expireAfterDays").asInt()).isEqualTo(30);
        assertThat(set.body().get("warnDaysBefore").asInt()).isEqualTo(7);
        assertThat(call("GET", path, ws.key(), null).body().get("warnDaysBefore").asInt()).isEqualTo(7);

        // the scheduler learns them from the workspace's facts; the activity log from the settings event
        await().atMost(WAIT).until(() -> kafka.readAll(Topics.WORKSPACES, r -> ws.id().equals(r.key()),
                Duration.ofMillis(200)).stream().map(r -> (WorkspaceFacts) CODEC.read(r.value()).payload())
                .anyMatch(f -> f.automaticSuspension().equals(new AutomaticSuspension(90, 30, 7))));
        WorkspaceSettingsChanged changed = (WorkspaceSettingsChanged) CODEC.read(kafka.await(Topics.ACCOUNT_EVENTS,
                r -> r.key().equals(ws.id() + "/settings"), 1, WAIT).get(0).value()).payload();
        assertThat(changed.automaticSuspension()).isEqualTo(new AutomaticSuspension(90, 30, 7));
        assertThat(changed.changedFields()).containsExactly("automaticSuspension");

        // the session control is left as it was, and a PUT of the session control leaves these
        assertThat(call("GET", "/api/v1/workspaces/" + ws.id() + "/settings/sessions", ws.key(), null).body()
                .get("idleTimeoutMinutes").asInt()).isEqualTo(30);
        call("PUT", "/api/v1/workspaces/" + ws.id() + "/settings/sessions", ws.key(), """
                {"idleTimeoutPolicy": "WORKSPACE_SETS", "idleTimeoutMinutes": 20, "concurrentSessions": true,
                 "usersMayChangeConcurrentSessions": false}""");
        assertThat(call("GET", path, ws.key(), null).body().get("suspendAfterDays").asInt()).isEqualTo(90);

        // absent numbers are 0: off
        assertThat(call("PUT", path, ws.key(), "{\"expireAfterDays\": 60}").body().get("suspendAfterDays").asInt())
                .isZero();
    }

    @Test
    void badSettingsAreRefusedWithEveryProblemAndChangeNothing() {
        Workspace ws = newWorkspace();
        String path = "/api/v1/workspaces/" + ws.id() + "/settings/automatic-suspension";
        ApiClient.Response refused = call("PUT", path, ws.key(),
                "{\"suspendAfterDays\": 7, \"expireAfterDays\": 4000, \"warnDaysBefore\": 7}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("errors").valueStream().map(e -> e.get("field").asString() + " "
                + e.get("code").asString())).containsExactlyInAnyOrder(
                        "automaticSuspension.expireAfterDays out_of_range",
                        "automaticSuspension.warnDaysBefore not_before_suspension");
        ApiClient.Response warningAlone = call("PUT", path, ws.key(), "{\"warnDaysBefore\": 3}");
        assertThat(warningAlone.status()).isEqualTo(422);
        assertThat(warningAlone.body().get("errors").get(0).get("code").asString()).isEqualTo("requires_suspension");
        // not a number: unreadable
        assertThat(call("PUT", path, ws.key(), "{\"suspendAfterDays\": \"90\"}").status()).isEqualTo(400);
        assertThat(call("GET", path, ws.key(), null).body().get("suspendAfterDays").asInt()).isZero();

        // another workspace's key: 404, for reading and for writing
        assertThat(call("GET", path, "Bearer rk_acme.acme-secret", null).status()).isEqualTo(404);
        assertThat(call("PUT", path, "Bearer rk_acme.acme-secret", "{\"suspendAfterDays\": 9}").status())
                .isEqualTo(404);

        // on Kafka alike: the rejection names the field
        Envelope<Payload> command = send(ws.id(), new UpdateWorkspaceSettings(null, null, null, null,
                new AutomaticSuspension(-1, 0, 0)), "autosusp-bad-" + UUID.randomUUID());
        assertThat(answer(command)).isInstanceOfSatisfying(AccountRequestRejected.class, r -> assertThat(
                r.problems()).singleElement().satisfies(p -> assertThat(p.field())
                        .isEqualTo("automaticSuspension.suspendAfterDays")));
    }

    @Test
    void theWarningIsMailedInTheAccountsLanguageOncePerSuspension() throws Exception {
        Workspace ws = newWorkspace();
        String account = newUser(ws, "Amélie", MailLanguage.FR);
        String address = email(ws, account);
        // 10:00 UTC is 11:00 in Paris in winter, 12:00 in summer: the mail shows the workspace's local time
        Instant suspendAt = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(10));

        Envelope<Payload> first = send(ws.id(), new WarnOfSuspension(account, suspendAt),
                "scheduler:suspension_warning:" + account + ":" + suspendAt.toEpochMilli());
        assertThat(answer(first)).isEqualTo(new AccountSuspensionWarned(account, suspendAt, MailLanguage.FR));
        await().atMost(WAIT).until(() -> warnings(address).length == 1);
        MimeMessage mail = warnings(address)[0];
        assertThat(mail.getSubject()).startsWith("Votre compte Roster sera suspendu le ");
        String body = (String) mail.getContent();
        assertThat(body).contains("Bonjour Amélie,", "l'espace de travail Idle Corp",
                "sera suspendu automatiquement le", "(Europe/Paris)");
        String parisHour = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .format(suspendAt.atZone(java.time.ZoneId.of("Europe/Paris")));
        assertThat(body).contains(parisHour);

        // the same warning again, under the same request id or another: no second mail
        send(ws.id(), first.payload(), first.requestId());
        Envelope<Payload> again = send(ws.id(), new WarnOfSuspension(account, suspendAt), "another-" + UUID.randomUUID());
        assertThat(answer(again)).isInstanceOfSatisfying(AccountRequestRejected.class, r -> assertThat(r.problems())
                .singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("already_warned")));

        // a sign-in moved the suspension: its warning is a new mail
        Instant moved = suspendAt.plus(Duration.ofDays(3));
        assertThat(answer(send(ws.id(), new WarnOfSuspension(account, moved), "moved-" + UUID.randomUUID())))
                .isInstanceOf(AccountSuspensionWarned.class);
        await().atMost(WAIT).until(() -> warnings(address).length == 2);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> warnings(address).length == 2);
    }

    @Test
    void eachLanguageHasItsOwnWarning() throws Exception {
        Workspace ws = newWorkspace();
        Instant suspendAt = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        for (MailLanguage language : List.of(MailLanguage.JA, MailLanguage.DE)) {
            String account = newUser(ws, "Kim", language);
            String address = email(ws, account);
            send(ws.id(), new WarnOfSuspension(account, suspendAt), "lang-" + UUID.randomUUID());
            await().atMost(WAIT).until(() -> warnings(address).length == 1);
            String subject = warnings(address)[0].getSubject();
            assertThat(subject).contains(language == MailLanguage.JA ? "停止されます" : "gesperrt");
        }
    }

    @Test
    void anAccountNotActiveOrASuspensionAlreadyDueIsNotWarned() {
        Workspace ws = newWorkspace();
        String account = newUser(ws, "Noé", MailLanguage.EN);
        Envelope<Payload> late = send(ws.id(), new WarnOfSuspension(account, Instant.now().minusSeconds(60)),
                "late-" + UUID.randomUUID());
        assertThat(answer(late)).isInstanceOfSatisfying(AccountRequestRejected.class, r -> assertThat(r.problems())
                .singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("past")));

        assertThat(call("POST", "/api/v1/workspaces/" + ws.id() + "/accounts/" + account + "/disable", ws.key(), null)
                .status()).isLessThan(300);
        Envelope<Payload> inactive = send(ws.id(), new WarnOfSuspension(account, Instant.now().plus(Duration.ofDays(2))),
                "inactive-" + UUID.randomUUID());
        assertThat(answer(inactive)).isInstanceOfSatisfying(AccountRequestRejected.class, r -> assertThat(
                r.problems()).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("illegal_transition")));
        assertThat(warnings(email(ws, account))).isEmpty();
    }
}
