package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import io.roster.contracts.Topics;
import io.roster.invite.ApiClient.Response;
import io.roster.testsupport.Mailboxes;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Invitations end to end on the real database, broker and mail server: invite, mail, resend, cancel, accept. */
@InviteServiceIntegrationTest
class InvitationApiIT extends InviteServiceTestSupport {

    private static final String ACME = "Bearer rk_acme.acme-secret";
    private static final Pattern LINK = Pattern.compile("/api/v1/invitations/([A-Za-z0-9_-]{43})");



    private static String address() {
        return "invitee." + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
    }

    private static String invite(String... emails) {
        return "{\"emails\": [" + String.join(", ", Arrays.stream(emails).map(e -> "\"" + e + "\"").toList())
                + "], \"admin\": false, \"permission\": \"READ_WRITE\", \"buckets\": [\"reports\"],"
                + " \"mailLanguage\": \"de\"}";
    }

    private static List<String> linksSentTo(String address) {
        return Arrays.stream(Mailboxes.receivedBy(address))
                .map(InvitationApiIT::body)
                .map(LINK::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
    }


    private static String body(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInviteeGetsAMailWithASingleUseLinkAndBecomesAnActiveUser() {
        String first = address();
        String second = address();
        Response invited = call("POST", "/api/v1/workspaces/acme/invitations", ACME, invite(first, second));
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.body().valueStream().map(i -> i.get("status").asString())).containsOnly("PENDING");

        await().atMost(Duration.ofSeconds(30)).until(() -> linksSentTo(first).size() == 1);
        String token = linksSentTo(first).get(0);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE token_sha256 = sha256(convert_to(?, 'UTF8'))")
                .param(token).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE encode(token_sha256, 'escape') LIKE ?")
                .param("%" + token + "%").query(Long.class).single()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM invite.mail_delivery WHERE recipient = ? AND body LIKE ?")
                .params(first, "%" + token + "%").query(Long.class).single() == 0);
        assertThat(kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(first)
                && r.value().contains("invitation.changed.v1"), 1, Duration.ofSeconds(30)).get(0).value())
                .contains("\"SENT\"").doesNotContain(token);

        assertThat(call("GET", "/api/v1/invitations/" + token, null, null).body().get("email").asString())
                .isEqualTo(first);
        Response weak = call("POST", "/api/v1/invitations/" + token + "/accept", null,
                "{\"firstName\": \"Hedy\", \"lastName\": \"Lamarr\", \"password\": \"short\"}");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.body().get("errors").get(0).get("field").asString()).isEqualTo("password");

        Response accepted = call("POST", "/api/v1/invitations/" + token + "/accept", null,
                "{\"firstName\": \"Hedy\", \"lastName\": \"Lamarr\", \"password\": \"frequency-hopping-1942\"}");
        assertThat(accepted.status()).isEqualTo(201);
        String accountId = accepted.body().get("accountId").asString();
        Response account = call("GET", "/api/v1/workspaces/acme/accounts/" + accountId, ACME, null);
        assertThat(account.body().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(account.body().get("permission").asString()).isEqualTo("READ_WRITE");
        assertThat(account.body().get("mailLanguage").asString()).isEqualTo("de");
        assertThat(jdbc.sql("SELECT password_hash FROM invite.account WHERE id = ?::uuid").param(accountId)
                .query(String.class).single()).startsWith("$2a$").doesNotContain("frequency");

        assertThat(call("GET", "/api/v1/invitations/" + token, null, null).status()).isEqualTo(410);
        assertThat(call("POST", "/api/v1/invitations/" + token + "/accept", null,
                "{\"firstName\": \"X\", \"lastName\": \"Y\", \"password\": \"another-password\"}").status())
                .isEqualTo(410);
        assertThat(call("GET", "/api/v1/workspaces/acme/invitations", ACME, null).body().valueStream()
                .map(i -> i.get("email").asString())).contains(second).doesNotContain(first);
    }

    @Test
    void resendKillsTheOldLinkAndIsRateLimitedAndCancelMakesTheLinkGone() throws Exception {
        String email = address();
        long pendingBefore = pendingCounter();
        String id = call("POST", "/api/v1/workspaces/acme/invitations", ACME, invite(email)).body().get(0)
                .get("id").asString();
        // At once, well within the resend interval (3 s here), whatever the machine's load.
        Response tooSoon = call("POST", "/api/v1/workspaces/acme/invitations/" + id + "/resend", ACME, null);
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.headers()).containsKey("retry-after");
        await().atMost(Duration.ofSeconds(30)).until(() -> linksSentTo(email).size() == 1);
        String oldToken = linksSentTo(email).get(0);

        // Once the interval has passed, the resend goes through (refused attempts before it change nothing).
        Response[] resend = new Response[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            resend[0] = call("POST", "/api/v1/workspaces/acme/invitations/" + id + "/resend", ACME, null);
            return resend[0].status() != 429;
        });
        Response resent = resend[0];
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.body().get("sendCount").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> linksSentTo(email).size() == 2);
        String newToken = linksSentTo(email).stream().filter(t -> !t.equals(oldToken)).findFirst().orElseThrow();
        assertThat(call("GET", "/api/v1/invitations/" + oldToken, null, null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/invitations/" + newToken, null, null).status()).isEqualTo(200);

        assertThat(call("DELETE", "/api/v1/workspaces/acme/invitations/" + id, ACME, null).status()).isEqualTo(204);
        Response gone = call("GET", "/api/v1/invitations/" + newToken, null, null);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body().get("detail").asString()).contains("cancelled");
        assertThat(call("DELETE", "/api/v1/workspaces/acme/invitations/" + id, ACME, null).status()).isEqualTo(409);
        assertThat(pendingCounter()).isEqualTo(pendingBefore);
        assertThat(pendingCounter()).as("the trigger-kept counter equals the pending rows")
                .isEqualTo(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE workspace_id = 'acme'"
                        + " AND status = 'PENDING'").query(Long.class).single());
    }

    private long pendingCounter() {
        return jdbc.sql("SELECT invitations_pending FROM invite.workspace WHERE id = 'acme'").query(Long.class)
                .single();
    }

    @Test
    void invitingAnAddressTwiceOrBeyondThePlanIsAClearError() {
        String email = address();
        assertThat(call("POST", "/api/v1/workspaces/acme/invitations", ACME, invite(email)).status()).isEqualTo(201);
        Response again = call("POST", "/api/v1/workspaces/acme/invitations", ACME, invite(email));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("errors").get(0).get("message").asString()).contains("pending invitation");

        Response tooMany = call("POST", "/api/v1/workspaces/acme/invitations", ACME,
                invite(IntStream.range(0, 26).mapToObj(i -> address()).toArray(String[]::new)));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body().get("errors").get(0).get("code").asString()).isEqualTo("too_many");

        Response badAddress = call("POST", "/api/v1/workspaces/acme/invitations", ACME,
                invite("ok@acme.example", "evil@acme.example\\r\\nBcc: x@example.com"));
        assertThat(badAddress.status()).isEqualTo(422);
        assertThat(badAddress.body().get("errors").get(0).get("field").asString()).isEqualTo("emails[1]");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE email = 'ok@acme.example'")
                .query(Long.class).single()).isZero();
    }

    /** An invitation past its expiry no longer holds its address: inviting it again closes the old one. */
    @Test
    void anExpiredInvitationFreesItsAddressForANewOne() {
        String email = address();
        String old = call("POST", "/api/v1/workspaces/acme/invitations", ACME, invite(email)).body().get(0)
                .get("id").asString();
        jdbc.sql("UPDATE invite.invitation SET expires_at = now() - interval '1 second' WHERE id = ?::uuid")
                .param(old).update();
        long pendingBefore = pendingCounter();

        Response again = call("POST", "/api/v1/workspaces/acme/invitations", ACME, invite(email.toUpperCase()));
        assertThat(again.status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT status FROM invite.invitation WHERE id = ?::uuid").param(old)
                .query(String.class).single()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE lower(email) = ? AND status = 'PENDING'")
                .param(email).query(Long.class).single()).isEqualTo(1);
        assertThat(pendingCounter()).as("one closed, one made").isEqualTo(pendingBefore);

        // and while the new one is live, the address is taken again
        Response third = call("POST", "/api/v1/workspaces/acme/invitations", ACME, invite(email));
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.body().get("errors").get(0).get("message").asString()).contains("pending invitation");
    }

    @Test
    void theSameInvitationSentTwiceAtTheSameMomentMakesOneInvitation() {
        String email = address();
        List<CompletableFuture<Response>> calls = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> call("POST", "/api/v1/workspaces/acme/invitations", ACME, invite(email))))
                .toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Response::status).toList();
        assertThat(statuses).containsOnlyOnce(201).allMatch(s -> s == 201 || s == 409);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE email = ?").param(email)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theStatusFilterNamesItsValuesWhenGivenAnother() {
        String path = "/api/v1/workspaces/acme/invitations";
        Response wrong = call("GET", path + "?status=OPEN", ACME, null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.body().get("detail").asString())
                .isEqualTo("status must be PENDING, ACCEPTED, CANCELLED, EXPIRED or ALL");
        for (String status : List.of("PENDING", "ACCEPTED", "CANCELLED", "EXPIRED", "ALL")) {
            assertThat(call("GET", path + "?size=1&status=" + status, ACME, null).status()).as(status).isEqualTo(200);
        }
    }
}
