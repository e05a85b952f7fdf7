package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.invite.ApiClient.Response;
import io.roster.invite.session.SmsSender;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * When the SMS provider does not take the sign-in code, the client is told so (503 problem+json), the challenge it
 * would have answered ends as SMS_NOT_SENT, and no session is issued. The provider is a test double of our own SMS
 * port (the one bean this context adds); Kafka, PostgreSQL and SMTP stay the shared real ones.
 */
@InviteServiceIntegrationTest
@Import(SmsNotSentIT.RefusingSmsProvider.class)
class SmsNotSentIT extends InviteServiceTestSupport {

    private static final String PASSWORD = "correct-horse-battery";

    /**
     * Imported, not a nested {@code @TestConfiguration}: this context (and only this one) gets the refusing provider,
     * so the ITs that share the default context keep the mail gateway.
     */
    static class RefusingSmsProvider {
        @Bean
        @Primary
        RefusingSmsSender refusingSmsSender() {
            return new RefusingSmsSender();
        }
    }

    /** An SMS provider that is down: it refuses every message, and remembers to which number it was asked to send. */
    static class RefusingSmsSender implements SmsSender {
        final List<String> attempts = new CopyOnWriteArrayList<>();

        @Override
        public void send(String phoneNumber, String text) {
            attempts.add(phoneNumber);
            throw new SmsDeliveryException("the SMS provider is down (test double)", null);
        }
    }

    @Autowired
    RefusingSmsSender smsSender;

    @Test
    void aCodeThatCouldNotBeSentEndsTheChallengeAndIssuesNoSession() {
        String workspaceId = "smsdown-" + UUID.randomUUID().toString().substring(0, 8);
        Response workspace = call("POST", "/api/v1/workspaces", "Bearer operator-test-token",
                "{\"id\": \"%s\", \"licenceCount\": 5, \"tfaModes\": [\"SMS\"]}".formatted(workspaceId));
        assertThat(workspace.status()).isEqualTo(201);
        String adminKey = "Bearer " + workspace.body().get("adminAccessKey").get("token").asString();
        String login = "sms." + UUID.randomUUID().toString().substring(0, 8);
        Response user = call("POST", "/api/v1/workspaces/" + workspaceId + "/accounts/users", adminKey, """
                {"login": "%s", "email": "%s@sms.example", "firstName": "Hedy", "lastName": "Lamarr",
                 "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false, "tfa": "SMS",
                 "phone": "+33612345678"}""".formatted(login, login));
        assertThat(user.status()).isEqualTo(201);
        String accountId = user.body().get("id").asString();
        jdbc.sql("UPDATE invite.account SET password_hash = ? WHERE id = ?::uuid")
                .params(new BCryptPasswordEncoder().encode(PASSWORD), accountId).update();

        Response refused = call("POST", "/api/v1/sessions", null,
                "{\"workspaceId\": \"%s\", \"login\": \"%s\", \"password\": \"%s\"}".formatted(workspaceId, login,
                        PASSWORD));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("type").asString()).isEqualTo("https://roster.io/problems/service-unavailable");
        assertThat(refused.body().get("detail").asString()).contains("could not be sent");
        assertThat(refused.body().has("challengeId")).as("no challenge to answer is handed out").isFalse();
        assertThat(refused.body().has("token")).as("no session token").isFalse();
        assertThat(smsSender.attempts).as("the code was handed to the provider, once").containsExactly("+33612345678");

        List<Map<String, Object>> challenges = jdbc.sql("""
                SELECT method, end_reason, ended_at FROM invite.sign_in_challenge WHERE account_id = ?::uuid""")
                .param(accountId).query().listOfRows();
        assertThat(challenges).hasSize(1);
        assertThat(challenges.get(0).get("method")).isEqualTo("SMS");
        assertThat(challenges.get(0).get("end_reason")).isEqualTo("SMS_NOT_SENT");
        assertThat(challenges.get(0).get("ended_at")).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM invite.session WHERE account_id = ?::uuid").param(accountId)
                .query(Long.class).single()).as("no session issued").isZero();
    }
}
