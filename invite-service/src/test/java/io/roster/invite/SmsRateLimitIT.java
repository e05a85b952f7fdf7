package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.invite.ApiClient.Response;
import io.roster.testsupport.Mailboxes;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * SMS sign-in codes are rate-limited per account (3 in 10 minutes by default) and per workspace (500 an hour),
 * counted in PostgreSQL: the refusal is 429 problem+json with Retry-After, and no SMS leaves.
 */
@InviteServiceIntegrationTest
class SmsRateLimitIT extends InviteServiceTestSupport {

    private static final String PASSWORD = "correct-horse-battery";

    /** [workspace id, admin key] of a new workspace that enables SMS. */
    private String[] workspace() {
        String id = "sms-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = call("POST", "/api/v1/workspaces", "Bearer operator-test-token",
                "{\"id\": \"%s\", \"licenceCount\": 50, \"tfaModes\": [\"SMS\"]}".formatted(id));
        assertThat(created.status()).isEqualTo(201);
        return new String[] {id, "Bearer " + created.body().get("adminAccessKey").get("token").asString()};
    }

    /** [account id, login, phone digits] of a user in SMS mode with a password. */
    private String[] smsUser(String[] workspace) {
        String login = "sms." + UUID.randomUUID().toString().substring(0, 8);
        // +33 61x xxx xxx: a French mobile range libphonenumber knows as assigned (a random +33 6 number may fall in an
        // unassigned range such as 639 or 690-694, and AccountValidator rightly refuses it).
        String digits = "3361" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        Response created = call("POST", "/api/v1/workspaces/" + workspace[0] + "/accounts/users", workspace[1], """
                {"login": "%s", "email": "%s@sms.example", "firstName": "Hedy", "lastName": "Lamarr",
                 "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false, "tfa": "SMS",
                 "phone": "+%s"}""".formatted(login, login, digits));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        jdbc.sql("UPDATE invite.account SET password_hash = ? WHERE id = ?::uuid")
                .params(new BCryptPasswordEncoder().encode(PASSWORD), id).update();
        return new String[] {id, login, digits};
    }

    private Response signIn(String[] workspace, String login) {
        return call("POST", "/api/v1/sessions", null,
                "{\"workspaceId\": \"%s\", \"login\": \"%s\", \"password\": \"%s\"}".formatted(workspace[0], login,
                        PASSWORD));
    }

    private static int smsReceivedBy(String digits) throws Exception {
        return Mailboxes.receivedBy(digits + "@sms.roster.test").length;
    }

    @Test
    void theFourthCodeForOneAccountWithinTenMinutesIsRefused() throws Exception {
        String[] workspace = workspace();
        String[] user = smsUser(workspace);
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(workspace, user[1]).status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> smsReceivedBy(user[2]) == 3);

        Response refused = signIn(workspace, user[1]);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("type").asString()).isEqualTo("https://roster.io/problems/rate-limited");
        assertThat(refused.body().get("detail").asString()).contains("this account");
        long retryAfter = Long.parseLong(refused.headers().get("retry-after").get(0));
        assertThat(retryAfter).isBetween(1L, 600L);
        Thread.sleep(1000);
        assertThat(smsReceivedBy(user[2])).as("no fourth SMS left").isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.sms_send WHERE account_id = ?::uuid").param(user[0])
                .query(Long.class).single()).isEqualTo(3);

        // Another account of the workspace still gets its code.
        String[] other = smsUser(workspace);
        assertThat(signIn(workspace, other[1]).status()).isEqualTo(202);
    }

    @Test
    void aWorkspaceThatUsedItsHourlyAllowanceGetsNoMoreCodes() throws Exception {
        String[] workspace = workspace();
        String[] user = smsUser(workspace);
        String[] busy = smsUser(workspace);
        // 500 codes sent to another account of the workspace in the last hour, by this or any other instance.
        jdbc.sql("""
                INSERT INTO invite.sms_send (workspace_id, account_id, sent_at)
                SELECT ?, ?::uuid, now() - make_interval(mins => 59) + i * interval '1 second'
                FROM generate_series(1, 500) i""").params(workspace[0], busy[0]).update();

        Response refused = signIn(workspace, user[1]);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("detail").asString()).contains("this workspace");
        long retryAfter = Long.parseLong(refused.headers().get("retry-after").get(0));
        assertThat(retryAfter).as("the oldest of the 500 leaves the hour in about a minute").isBetween(1L, 120L);
        Thread.sleep(1000);
        assertThat(smsReceivedBy(user[2])).isZero();
        // A workspace next door is not affected.
        String[] elsewhere = workspace();
        assertThat(signIn(elsewhere, smsUser(elsewhere)[1]).status()).isEqualTo(202);
    }
}
