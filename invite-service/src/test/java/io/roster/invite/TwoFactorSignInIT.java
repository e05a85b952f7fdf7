package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import io.roster.contracts.Topics;
import io.roster.invite.ApiClient.Response;
import io.roster.testsupport.Mailboxes;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two-factor sign-in on the real database, broker and SMTP server: a workspace that enables TOTP, SMS and FIDO2,
 * and one that enables none (created per run through the operator endpoint). Codes come from java-otp, SMS from
 * the SMTP server, security-key ceremonies from webauthn4j's client and authenticator emulators.
 */
@InviteServiceIntegrationTest
class TwoFactorSignInIT extends InviteServiceTestSupport {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String OPERATOR = "Bearer operator-test-token";
    /** [workspace id, admin key] of the workspace enabling every mode, and of the one enabling none. */
    private static String[] strict;
    private static String[] plain;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    synchronized void workspaces() {
        if (strict == null) {
            strict = workspace("[\"TOTP\", \"SMS\", \"FIDO2\"]");
            plain = workspace("[]");
        }
    }

    private String[] workspace(String tfaModes) {
        String id = "tfa-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = call("POST", "/api/v1/workspaces", OPERATOR,
                "{\"id\": \"%s\", \"licenceCount\": 50, \"tfaModes\": %s}".formatted(id, tfaModes));
        assertThat(created.status()).isEqualTo(201);
        return new String[] {id, "Bearer " + created.body().get("adminAccessKey").get("token").asString()};
    }

    /** [account id, login] of a user with a password, created through the admin API. */
    private String[] user(String[] workspace, String tfa, String phone) {
        String login = "tfa." + UUID.randomUUID().toString().substring(0, 8);
        Response created = call("POST", "/api/v1/workspaces/" + workspace[0] + "/accounts/users", workspace[1], """
                {"login": "%s", "email": "%s@tfa.example", "firstName": "Radia", "lastName": "Perlman",
                 "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false, "tfa": "%s"%s}"""
                .formatted(login, login, tfa, phone == null ? "" : ", \"phone\": \"" + phone + "\""));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        jdbc.sql("UPDATE invite.account SET password_hash = ? WHERE id = ?::uuid")
                .params(new BCryptPasswordEncoder().encode(PASSWORD), id).update();
        return new String[] {id, login};
    }

    private Response signIn(String[] workspace, String login) {
        return call("POST", "/api/v1/sessions", null,
                "{\"workspaceId\": \"%s\", \"login\": \"%s\", \"password\": \"%s\"}".formatted(workspace[0], login,
                        PASSWORD));
    }

    private Response complete(Response challenge, String code) {
        return call("POST", "/api/v1/sessions/second-factor", null, "{\"challengeId\": \"%s\", \"code\": \"%s\"}"
                .formatted(challenge.body().get("challengeId").asString(), code));
    }

    /** The code an authenticator app shows for the secret at that time, computed here with java-otp. */
    private static String totp(String base32Secret, Instant at) throws Exception {
        byte[] secret = new Base32().decode(base32Secret);
        return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
                new SecretKeySpec(secret, "HmacSHA1"), at);
    }

    /** A code that is wrong now: none of the three steps the server accepts. */
    private static String wrongTotp(String base32Secret) throws Exception {
        Instant now = Instant.now();
        Set<String> valid = Set.of(totp(base32Secret, now.minusSeconds(30)), totp(base32Secret, now),
                totp(base32Secret, now.plusSeconds(30)), totp(base32Secret, now.plusSeconds(60)));
        return IntStream.range(0, 10).mapToObj(i -> String.valueOf(i).repeat(6)).filter(c -> !valid.contains(c))
                .findFirst().orElseThrow();
    }

    private List<String> activity(String login, int count) {
        return kafka.await(Topics.ACTIVITY, r -> r.value().contains("\"" + login + "\""), count,
                Duration.ofSeconds(30)).stream().map(r -> json.readTree(r.value()))
                .map(n -> n.get("payload").get("action").asString() + ":" + n.get("payload").get("detail").asString()
                        + "@" + n.get("actor").get("clientIp").asString())
                .toList();
    }

    private String enrolledSecret(String[] user) throws Exception {
        Response challenge = signIn(strict, user[1]);
        String secret = challenge.body().get("enrollment").get("secret").asString();
        assertThat(complete(challenge, totp(secret, Instant.now())).status()).isEqualTo(201);
        return secret;
    }

    @Test
    void totpEnrollsAtFirstSignInThenEveryCodeWorksOnce() throws Exception {
        String[] user = user(strict, "TOTP", null);
        Response first = signIn(strict, user[1]);
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body().has("token")).isFalse();
        assertThat(first.body().get("method").asString()).isEqualTo("TOTP");
        String secret = first.body().get("enrollment").get("secret").asString();
        assertThat(first.body().get("enrollment").get("otpauthUri").asString())
                .startsWith("otpauth://totp/Roster:" + user[1] + "%40" + strict[0] + "?secret=" + secret + "&")
                .contains("&digits=6&period=30");
        // At rest the secret is sealed (AES-GCM), and the challenge id is kept as a hash only.
        byte[] sealed = jdbc.sql("SELECT secret_encrypted FROM invite.totp_enrollment WHERE account_id = ?::uuid")
                .param(user[0]).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(new Base32().decode(secret), StandardCharsets.ISO_8859_1));
        assertThat(jdbc.sql("SELECT count(*) FROM invite.sign_in_challenge WHERE id_sha256 = sha256(?::bytea)")
                .param(first.body().get("challengeId").asString()).query(Long.class).single()).isEqualTo(1);

        Response wrong = complete(first, wrongTotp(secret));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        String code = totp(secret, Instant.now());
        Response signedIn = complete(first, code);
        assertThat(signedIn.status()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/me", "Bearer " + signedIn.body().get("token").asString(), null).body()
                .get("login").asString()).isEqualTo(user[1]);
        assertThat(complete(first, code).status()).as("a challenge is single use").isEqualTo(401);

        // Enrolled: the next sign-in shows no secret, and the code just used is spent.
        Response second = signIn(strict, user[1]);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.body().has("enrollment")).isFalse();
        assertThat(complete(second, code).status()).as("replayed code").isEqualTo(401);
        assertThat(complete(second, totp(secret, Instant.now().plusSeconds(30))).status()).isEqualTo(201);

        assertThat(activity(user[1], 6)).containsExactly(
                "SECOND_FACTOR_FAILED:wrong, used or expired TOTP code (1)@127.0.0.1",
                "SECOND_FACTOR_PASSED:TOTP@127.0.0.1", "SIGN_IN:password+TOTP@127.0.0.1",
                "SECOND_FACTOR_FAILED:wrong, used or expired TOTP code (1)@127.0.0.1",
                "SECOND_FACTOR_PASSED:TOTP@127.0.0.1", "SIGN_IN:password+TOTP@127.0.0.1");
    }

    @Test
    void aModeTheWorkspaceHasNotEnabledIsStoredButNotEnforced() {
        String[] user = user(plain, "TOTP", null);
        Response signedIn = signIn(plain, user[1]);
        assertThat(signedIn.status()).isEqualTo(201);
        assertThat(signedIn.body().get("token").asString()).isNotBlank();
        assertThat(jdbc.sql("SELECT tfa FROM invite.account WHERE id = ?::uuid").param(user[0]).query(String.class)
                .single()).isEqualTo("TOTP");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.sign_in_challenge WHERE account_id = ?::uuid")
                .param(user[0]).query(Long.class).single()).isZero();
    }

    @Test
    void smsCodeArrivesThroughTheMailGatewayAndCompletesTheSignIn() throws Exception {
        String[] user = user(strict, "SMS", "+33 6 12 34 56 78");
        String gateway = "33612345678@sms.roster.test";
        int before = Mailboxes.receivedBy(gateway).length;
        Response challenge = signIn(strict, user[1]);
        assertThat(challenge.status()).isEqualTo(202);
        assertThat(challenge.body().get("method").asString()).isEqualTo("SMS");
        assertThat(challenge.body().get("sentTo").asString()).isEqualTo("••••78");
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailboxes.receivedBy(gateway).length == before + 1);
        MimeMessage sms = Mailboxes.receivedBy(gateway)[before];
        Matcher code = Pattern.compile("code: (\\d{6})").matcher(((String) sms.getContent()));
        assertThat(code.find()).isTrue();
        String codeHash = jdbc.sql("SELECT code_hash FROM invite.sign_in_challenge WHERE account_id = ?::uuid")
                .param(user[0]).query(String.class).single();
        assertThat(codeHash).startsWith("$2").doesNotContain(code.group(1));

        String wrong = code.group(1).equals("123456") ? "654321" : "123456";
        assertThat(complete(challenge, wrong).status()).isEqualTo(401);
        Response signedIn = complete(challenge, code.group(1));
        assertThat(signedIn.status()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/me", "Bearer " + signedIn.body().get("token").asString(), null).status())
                .isEqualTo(200);
        assertThat(activity(user[1], 3)).containsExactly(
                "SECOND_FACTOR_FAILED:wrong, used or expired SMS code (1)@127.0.0.1",
                "SECOND_FACTOR_PASSED:SMS@127.0.0.1", "SIGN_IN:password+SMS@127.0.0.1");
    }

    @Test
    void smsModeWithoutAPhoneNumberCannotBeStored() {
        String login = "tfa.nophone." + UUID.randomUUID().toString().substring(0, 8);
        Response refused = call("POST", "/api/v1/workspaces/" + strict[0] + "/accounts/users", strict[1], """
                {"login": "%s", "email": "%s@tfa.example", "firstName": "No", "lastName": "Phone",
                 "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false, "tfa": "SMS"}"""
                .formatted(login, login));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors").findValuesAsString("field")).contains("phone");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login).query(Long.class)
                .single()).isZero();
    }

    @Test
    void anExpiredChallengeCannotBeCompleted() throws Exception {
        String[] user = user(strict, "TOTP", null);
        Response challenge = signIn(strict, user[1]);
        String secret = challenge.body().get("enrollment").get("secret").asString();
        assertThat(challenge.body().get("expiresAt").asString()).isNotBlank();
        jdbc.sql("UPDATE invite.sign_in_challenge SET expires_at = now() - interval '1 second'"
                + " WHERE account_id = ?::uuid").param(user[0]).update();
        Response expired = complete(challenge, totp(secret, Instant.now()));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.body().get("detail").asString()).contains("expired");
        assertThat(jdbc.sql("SELECT end_reason FROM invite.sign_in_challenge WHERE account_id = ?::uuid")
                .param(user[0]).query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.session WHERE account_id = ?::uuid").param(user[0])
                .query(Long.class).single()).isZero();
    }

    @Test
    void wrongCodesCountTowardsTheLoginLock() throws Exception {
        String[] user = user(strict, "TOTP", null);
        Response challenge = signIn(strict, user[1]);
        String secret = challenge.body().get("enrollment").get("secret").asString();
        String wrong = wrongTotp(secret);
        List<Integer> statuses = IntStream.range(0, 5).mapToObj(i -> complete(challenge, wrong).status()).toList();
        assertThat(statuses).containsExactly(401, 401, 401, 401, 429);
        assertThat(signIn(strict, user[1]).status()).isEqualTo(429);
        assertThat(complete(challenge, totp(secret, Instant.now())).status()).isEqualTo(401);
        assertThat(activity(user[1], 7)).contains("LOCKED_OUT:locked for 15 min after 5 failures@127.0.0.1");
    }

    /** The browser's part of a WebAuthn ceremony, over webauthn4j's emulated client and packed authenticator. */
    private static final class SecurityKey {

        private final ClientPlatform client;

        SecurityKey(String origin) {
            client = new ClientPlatform(new Origin(origin),
                    new WebAuthnAuthenticatorAdaptor(new PackedAuthenticator()));
        }

        /** navigator.credentials.create(), then PublicKeyCredential.toJSON() */
        String create(JsonNode options) {
            JsonNode rp = options.get("rp");
            JsonNode user = options.get("user");
            PublicKeyCredential<AuthenticatorAttestationResponse, ?> created = client.create(
                    new PublicKeyCredentialCreationOptions(
                            new PublicKeyCredentialRpEntity(rp.get("id").asString(), rp.get("name").asString()),
                            new PublicKeyCredentialUserEntity(bytes(user.get("id")), user.get("name").asString(),
                                    user.get("displayName").asString()),
                            new DefaultChallenge(bytes(options.get("challenge"))),
                            List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                                    COSEAlgorithmIdentifier.create(options.get("pubKeyCredParams").get(0).get("alg")
                                            .asLong()))),
                            options.get("timeout").asLong(), List.of(),
                            new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.DISCOURAGED,
                                    UserVerificationRequirement.REQUIRED),
                            AttestationConveyancePreference.NONE, null));
            return """
                    {"id": "%s", "rawId": "%s", "type": "public-key", "clientExtensionResults": {},
                     "response": {"clientDataJSON": "%s", "attestationObject": "%s", "transports": ["usb"]}}"""
                    .formatted(text(created.getRawId()), text(created.getRawId()),
                            text(created.getResponse().getClientDataJSON()),
                            text(created.getResponse().getAttestationObject()));
        }

        /** navigator.credentials.get(), then PublicKeyCredential.toJSON() */
        String get(JsonNode options) {
            PublicKeyCredential<AuthenticatorAssertionResponse, ?> signed = client.get(
                    new PublicKeyCredentialRequestOptions(new DefaultChallenge(bytes(options.get("challenge"))),
                            options.get("timeout").asLong(), options.get("rpId").asString(),
                            options.get("allowCredentials").valueStream()
                                    .map(c -> new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
                                            bytes(c.get("id")), null))
                                    .toList(),
                            UserVerificationRequirement.REQUIRED, null));
            AuthenticatorAssertionResponse response = signed.getResponse();
            return """
                    {"id": "%s", "rawId": "%s", "type": "public-key", "clientExtensionResults": {},
                     "response": {"clientDataJSON": "%s", "authenticatorData": "%s", "signature": "%s"%s}}"""
                    .formatted(text(signed.getRawId()), text(signed.getRawId()), text(response.getClientDataJSON()),
                            text(response.getAuthenticatorData()), text(response.getSignature()),
                            response.getUserHandle() == null ? ""
                                    : ", \"userHandle\": \"" + text(response.getUserHandle()) + "\"");
        }

        private static byte[] bytes(JsonNode base64url) {
            return Base64.getUrlDecoder().decode(base64url.asString());
        }

        private static String text(byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    private Response completeWithKey(Response challenge, String credentialJson) {
        return call("POST", "/api/v1/sessions/second-factor", null, "{\"challengeId\": \"%s\", \"credential\": %s}"
                .formatted(challenge.body().get("challengeId").asString(), credentialJson));
    }

    @Test
    void aSecurityKeyRegistersAtFirstSignInThenSignsEachSignIn() {
        String[] user = user(strict, "FIDO2", null);
        SecurityKey key = new SecurityKey("http://localhost:8080");

        Response registration = signIn(strict, user[1]);
        assertThat(registration.status()).isEqualTo(202);
        assertThat(registration.body().get("method").asString()).isEqualTo("FIDO2");
        assertThat(registration.body().get("ceremony").asString()).isEqualTo("create");
        JsonNode creation = registration.body().get("publicKey");
        assertThat(creation.get("rp").get("id").asString()).isEqualTo("localhost");
        assertThat(creation.get("authenticatorSelection").get("userVerification").asString()).isEqualTo("required");
        // A key answering for another site (a phishing page) does not register.
        assertThat(completeWithKey(registration, new SecurityKey("https://roster.evil.example").create(creation))
                .status()).isEqualTo(401);
        Response registered = completeWithKey(registration, key.create(creation));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/me", "Bearer " + registered.body().get("token").asString(), null).status())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.webauthn_credential WHERE account_id = ?::uuid")
                .param(user[0]).query(Long.class).single()).isEqualTo(1);

        Response assertion = signIn(strict, user[1]);
        assertThat(assertion.status()).isEqualTo(202);
        assertThat(assertion.body().get("ceremony").asString()).isEqualTo("get");
        JsonNode request = assertion.body().get("publicKey");
        assertThat(request.get("allowCredentials")).hasSize(1);
        String signed = key.get(request);
        Response signedIn = completeWithKey(assertion, signed);
        assertThat(signedIn.status()).isEqualTo(201);
        long counter = jdbc.sql("SELECT sign_count FROM invite.webauthn_credential WHERE account_id = ?::uuid")
                .param(user[0]).query(Long.class).single();

        // The same signature presented to a new challenge is a replay: it signed the old challenge.
        Response next = signIn(strict, user[1]);
        assertThat(completeWithKey(next, signed).status()).isEqualTo(401);
        // Another user's registered key signing this challenge is refused; the account's own key still works.
        String[] other = user(strict, "FIDO2", null);
        SecurityKey otherKey = new SecurityKey("http://localhost:8080");
        Response otherRegistration = signIn(strict, other[1]);
        assertThat(completeWithKey(otherRegistration, otherKey.create(otherRegistration.body().get("publicKey")))
                .status()).isEqualTo(201);
        byte[] otherId = jdbc.sql("SELECT credential_id FROM invite.webauthn_credential WHERE account_id = ?::uuid")
                .param(other[0]).query(byte[].class).single();
        ObjectNode forged = (ObjectNode) next.body().get("publicKey").deepCopy();
        forged.putArray("allowCredentials").addObject().put("type", "public-key")
                .put("id", Base64.getUrlEncoder().withoutPadding().encodeToString(otherId));
        assertThat(completeWithKey(next, otherKey.get(forged)).status()).isEqualTo(401);
        assertThat(completeWithKey(next, key.get(next.body().get("publicKey"))).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT sign_count FROM invite.webauthn_credential WHERE account_id = ?::uuid")
                .param(user[0]).query(Long.class).single()).isGreaterThan(counter);

        assertThat(activity(user[1], 9)).containsExactly(
                "SECOND_FACTOR_FAILED:security key not verified (1)@127.0.0.1",
                "SECOND_FACTOR_PASSED:FIDO2@127.0.0.1", "SIGN_IN:password+FIDO2@127.0.0.1",
                "SECOND_FACTOR_PASSED:FIDO2@127.0.0.1", "SIGN_IN:password+FIDO2@127.0.0.1",
                "SECOND_FACTOR_FAILED:security key not verified (1)@127.0.0.1",
                "SECOND_FACTOR_FAILED:security key not verified (2)@127.0.0.1",
                "SECOND_FACTOR_PASSED:FIDO2@127.0.0.1", "SIGN_IN:password+FIDO2@127.0.0.1");

        // A lost key: the admin removes the account's keys, and the next sign-in registers one again.
        assertThat(call("DELETE", "/api/v1/workspaces/" + strict[0] + "/accounts/" + user[0] + "/two-factor/fido2",
                plain[1], null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/workspaces/" + strict[0] + "/accounts/" + user[0] + "/two-factor/fido2",
                strict[1], null).status()).isEqualTo(204);
        assertThat(signIn(strict, user[1]).body().get("ceremony").asString()).isEqualTo("create");
    }

    @Test
    void anAdminResetsTotpEnrollmentInTheirOwnWorkspaceOnly() throws Exception {
        String[] user = user(strict, "TOTP", null);
        String oldSecret = enrolledSecret(user);
        String[] stranger = user(plain, "NONE", null);
        String path = "/api/v1/workspaces/" + strict[0] + "/accounts/" + user[0] + "/two-factor/totp";

        assertThat(call("DELETE", path, plain[1], null).status()).as("another workspace's key").isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/workspaces/" + strict[0] + "/accounts/" + stranger[0] + "/two-factor/totp",
                strict[1], null).status()).as("another workspace's account").isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/workspaces/" + plain[0] + "/accounts/" + user[0] + "/two-factor/totp",
                plain[1], null).status()).as("this account through another workspace").isEqualTo(404);
        assertThat(call("DELETE", path, null, null).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.totp_enrollment WHERE account_id = ?::uuid").param(user[0])
                .query(Long.class).single()).isEqualTo(1);

        assertThat(call("DELETE", path, strict[1], null).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.totp_enrollment WHERE account_id = ?::uuid").param(user[0])
                .query(Long.class).single()).isZero();
        Response again = signIn(strict, user[1]);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().get("enrollment").get("secret").asString()).isNotEqualTo(oldSecret);
        JsonNode reset = json.readTree(kafka.await(Topics.ACTIVITY, r -> r.value().contains("SECOND_FACTOR_RESET")
                && r.value().contains(user[0]), 1, Duration.ofSeconds(30)).get(0).value());
        assertThat(reset.get("workspaceId").asString()).isEqualTo(strict[0]);
        assertThat(reset.get("actor").get("kind").asString()).isEqualTo("ADMIN");
        assertThat(reset.get("payload").get("accountId").asString()).isEqualTo(user[0]);
    }

    @Test
    void challengeIdsAreRandomAndOnlyTheLatestIsOpen() throws Exception {
        String[] user = user(strict, "TOTP", null);
        String secret = enrolledSecret(user);
        Response first = signIn(strict, user[1]);
        Response second = signIn(strict, user[1]);
        assertThat(first.body().get("challengeId").asString()).isNotEqualTo(second.body().get("challengeId").asString())
                .hasSizeGreaterThanOrEqualTo(43);
        assertThat(complete(first, totp(secret, Instant.now().plusSeconds(30))).status())
                .as("superseded by the second sign-in").isEqualTo(401);
        assertThat(complete(second, totp(secret, Instant.now().plusSeconds(30))).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT end_reason FROM invite.sign_in_challenge WHERE account_id = ?::uuid"
                        + " ORDER BY created_at").param(user[0]).query(String.class).list().stream()
                .collect(Collectors.toList())).containsExactly("PASSED", "SUPERSEDED", "PASSED");
    }
}
