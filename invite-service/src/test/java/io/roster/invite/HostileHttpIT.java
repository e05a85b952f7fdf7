package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.invite.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a hostile or careless sender tries over HTTP, through the real server: every answer is a specific 4xx
 * problem+json (never a 500, never Tomcat's HTML or Boot's plain JSON), and nothing is written on the way.
 */
@InviteServiceIntegrationTest
class HostileHttpIT extends InviteServiceTestSupport {

    private static final String ADMIN = "Authorization: Bearer rk_acme.acme-secret";
    private static final String JSON = "Content-Type: application/json";
    private final JsonMapper json = JsonMapper.builder().build();

    private Answer get(String target, String... headers) {
        return RawHttp.send(port, "GET " + target + " HTTP/1.1" + lines(headers), null);
    }

    private Answer send(String method, String target, String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(port, method + " " + target + " HTTP/1.1" + lines(headers)
                + "\r\nContent-Length: " + bytes.length, bytes);
    }

    private static String lines(String... headers) {
        StringBuilder s = new StringBuilder();
        for (String h : headers) {
            s.append("\r\n").append(h);
        }
        return s.toString();
    }

    /** The answer as a case of the list: status, problem+json, and its type. */
    private record Case(String name, Answer answer, int status, String type) {
    }

    private void assertProblems(List<Case> cases) {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases) {
            String seen = c.answer.status() + " " + c.answer.contentType() + " " + abbreviate(c.answer.body());
            soft.assertThat(c.answer.status()).as(c.name + ": " + seen).isEqualTo(c.status);
            soft.assertThat(c.answer.contentType()).as(c.name + ": " + seen).startsWith("application/problem+json");
            JsonNode body = parse(c.answer.body());
            soft.assertThat(body == null ? null : body.path("type").asString(null)).as(c.name + ": " + seen)
                    .isEqualTo("https://roster.io/problems/" + c.type);
            soft.assertThat(body == null ? -1 : body.path("status").asInt()).as(c.name + ": " + seen)
                    .isEqualTo(c.status);
            soft.assertThat(body == null ? null : body.path("title").asString(null)).as(c.name + ": " + seen)
                    .isNotBlank();
        }
        soft.assertAll();
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM invite." + table).query(Long.class).single();
    }

    @Test
    void theTenFiveHundredsAreSpecificProblems() {
        long locks = count("sign_in_lock");
        long workspaces = count("workspace");
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("NUL in a sign-in login", send("POST", "/api/v1/sessions",
                "{\"workspaceId\": \"acme\", \"login\": \"ada\\u0000\", \"password\": \"a-long-password\"}", JSON),
                422, "invalid-request"));
        // Tomcat itself refuses an encoded NUL in the path, before any servlet: its answer is problem+json too.
        cases.add(new Case("NUL in a workspace id", get("/api/v1/workspaces/ac%00me/accounts", ADMIN), 400,
                "bad-request"));
        cases.add(new Case("another control character in a workspace id",
                get("/api/v1/workspaces/ac%01me/accounts", ADMIN), 400, "invalid-characters"));
        cases.add(new Case("NUL in ?text=", get("/api/v1/workspaces/acme/accounts?text=ada%00", ADMIN), 400,
                "invalid-characters"));
        for (String list : List.of("accounts", "invitations", "buckets")) {
            cases.add(new Case("page=2147483647 on " + list,
                    get("/api/v1/workspaces/acme/" + list + "?page=2147483647", ADMIN), 400, "bad-request"));
        }
        cases.add(new Case("year +99999", send("POST", "/api/v1/workspaces/acme/accounts/users", """
                {"login": "far.future", "email": "far.future@acme.example", "firstName": "Far", "lastName": "Future",
                 "status": "ACTIVE", "mailLanguage": "en", "suspensionDate": "+99999-01-01T00:00"}""", ADMIN, JSON),
                422, "invalid-request"));
        cases.add(new Case("NUL in a workspace name", send("POST", "/api/v1/workspaces",
                "{\"id\": \"nul-name\", \"name\": \"Nul\\u0000Corp\"}", "Authorization: Bearer operator-test-token",
                JSON), 422, "invalid-request"));
        byte[] big = ("{\"workspaceId\": \"acme\", \"login\": \"" + "a".repeat(1_100_000)
                + "\", \"password\": \"a-long-password\"}").getBytes(StandardCharsets.UTF_8);
        cases.add(new Case("a chunked 1.1 MB sign-in", RawHttp.send(port, "POST /api/v1/sessions HTTP/1.1\r\n" + JSON
                + "\r\nTransfer-Encoding: chunked", RawHttp.chunked(big)), 413, "content-too-large"));
        assertProblems(cases);
        assertThat(count("sign_in_lock")).as("lockout rows").isEqualTo(locks);
        assertThat(count("workspace")).as("workspaces").isEqualTo(workspaces);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = 'far.future'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void signInsForUnknownWorkspacesAndOverlongLoginsWriteNothing() {
        long locks = count("sign_in_lock");
        Answer unknownWorkspace = send("POST", "/api/v1/sessions",
                "{\"workspaceId\": \"no-such-workspace\", \"login\": \"ada\", \"password\": \"a-long-password\"}",
                JSON);
        Answer wrongPassword = send("POST", "/api/v1/sessions",
                "{\"workspaceId\": \"acme\", \"login\": \"nobody.at.all\", \"password\": \"a-long-password\"}",
                JSON);
        assertThat(unknownWorkspace.status()).isEqualTo(wrongPassword.status()).isEqualTo(401);
        assertThat(parse(unknownWorkspace.body()).get("detail")).isEqualTo(parse(wrongPassword.body()).get("detail"));
        assertThat(count("sign_in_lock")).as("only the existing workspace's failure is counted").isEqualTo(locks + 1);

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a 60,000-character login", send("POST", "/api/v1/sessions",
                "{\"workspaceId\": \"acme\", \"login\": \"" + "a".repeat(60_000)
                        + "\", \"password\": \"a-long-password\"}", JSON), 422, "invalid-request"));
        cases.add(new Case("NUL in the sign-in's workspace id", send("POST", "/api/v1/sessions",
                "{\"workspaceId\": \"ac\\u0000me\", \"login\": \"ada\", \"password\": \"a-long-password\"}",
                JSON), 422, "invalid-request"));
        cases.add(new Case("a 100-character password", send("POST", "/api/v1/sessions",
                "{\"workspaceId\": \"acme\", \"login\": \"nobody.at.all\", \"password\": \"" + "p".repeat(100)
                        + "\"}", JSON), 401, "unauthorized"));
        cases.add(new Case("NUL in a challenge id", send("POST", "/api/v1/sessions/second-factor",
                "{\"challengeId\": \"x\\u0000\", \"code\": \"123456\"}", JSON), 401, "unauthorized"));
        assertProblems(cases);
        assertThat(count("sign_in_lock")).isEqualTo(locks + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.sign_in_lock WHERE length(login) > 128").query(Long.class)
                .single()).isZero();
    }

    @Test
    void workspaceNamesAreOneShortLineAndCannotInjectLinesIntoTheInvitationMail() throws Exception {
        String operator = "Authorization: Bearer operator-test-token";
        String id = "name-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("CR-LF in a workspace name", send("POST", "/api/v1/workspaces",
                "{\"id\": \"" + id + "\", \"name\": \"Globex\\r\\nPay here: http://evil.example\"}", operator,
                JSON), 422, "invalid-request"));
        cases.add(new Case("a 60 KB workspace name", send("POST", "/api/v1/workspaces",
                "{\"id\": \"" + id + "\", \"name\": \"" + "G".repeat(60_000) + "\"}", operator, JSON), 422,
                "invalid-request"));
        assertProblems(cases);
        assertThat(parse(cases.get(0).answer().body()).get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.workspace WHERE id = ?").param(id).query(Long.class).single())
                .isZero();

        // A name stored before the rule (written here directly) still cannot add lines to the mail.
        Answer created = send("POST", "/api/v1/workspaces", "{\"id\": \"" + id + "\", \"name\": \"Globex\"}",
                operator, JSON);
        assertThat(created.status()).isEqualTo(201);
        String key = parse(created.body()).get("adminAccessKey").get("token").asString();
        jdbc.sql("UPDATE invite.workspace SET name = ? WHERE id = ?")
                .params("Globex\r\n\r\nPay your licence here: http://evil.example", id).update();
        String invitee = id + "@globex.example";
        Answer invited = send("POST", "/api/v1/workspaces/" + id + "/invitations",
                "{\"emails\": [\"" + invitee + "\"], \"mailLanguage\": \"en\"}", "Authorization: Bearer " + key,
                JSON);
        assertThat(invited.status()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> io.roster.testsupport.Mailboxes.receivedBy(invitee).length == 1);
        jakarta.mail.internet.MimeMessage mail = io.roster.testsupport.Mailboxes.receivedBy(invitee)[0];
        assertThat(mail.getSubject()).doesNotContain("\r", "\n");
        assertThat(mail.getContent().toString().lines()).noneMatch(line -> line.startsWith("Pay your licence"));
    }

    @Test
    void nulInAnyFieldOrHeaderIsAClientError() {
        String nul = "\\u0000";
        List<Answer> answers = new ArrayList<>();
        answers.add(send("POST", "/api/v1/workspaces/acme/buckets", "{\"name\": \"rep" + nul + "orts\"}", ADMIN, JSON));
        answers.add(send("POST", "/api/v1/workspaces/acme/invitations",
                "{\"emails\": [\"a" + nul + "@acme.example\"], \"mailLanguage\": \"en\"}", ADMIN, JSON));
        answers.add(send("POST", "/api/v1/workspaces/acme/access-keys", "{\"name\": \"k" + nul + "\"}", ADMIN, JSON));
        answers.add(send("PUT", "/api/v1/workspaces/acme/settings/sessions",
                "{\"idleTimeoutPolicy\": \"WORKSPACE" + nul + "SETS\", \"idleTimeoutMinutes\": 30,"
                        + " \"concurrentSessions\": true, \"usersMayChangeConcurrentSessions\": true}", ADMIN, JSON));
        answers.add(send("POST", "/api/v1/workspaces/acme/accounts/contacts", """
                {"ownerLogin": "own\\u0000er", "email": "c@acme.example", "firstName": "C", "lastName": "D",
                 "status": "ACTIVE", "mailLanguage": "en", "visibilityScope": "PRIVATE"}""", ADMIN, JSON));
        answers.add(send("POST", "/api/v1/invitations/no-such-token/accept",
                "{\"login\": \"a" + nul + "\", \"firstName\": \"A\", \"lastName\": \"B\", \"password\": \"a-long-password\"}",
                JSON));
        answers.add(send("POST", "/api/v1/workspaces/acme/buckets", "{\"name\": \"nul-key\"}", ADMIN, JSON,
                "Idempotency-Key: key\u0001"));
        SoftAssertions soft = new SoftAssertions();
        for (Answer a : answers) {
            soft.assertThat(a.status()).as(a.status() + " " + abbreviate(a.body())).isBetween(400, 499);
            soft.assertThat(a.contentType()).as(abbreviate(a.body())).startsWith("application/problem+json");
        }
        soft.assertAll();
    }

    @Test
    void everyErrorAnswerIsProblemJson() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("unknown path", get("/api/v1/nothing-here"), 404, "not-found"));
        cases.add(new Case("root", get("/"), 404, "not-found"));
        cases.add(new Case("unknown path under a workspace", get("/api/v1/workspaces/acme/nothing", ADMIN), 404,
                "not-found"));
        cases.add(new Case("method not allowed", get("/api/v1/sessions"), 405, "method-not-allowed"));
        cases.add(new Case("unsupported media type", send("POST", "/api/v1/sessions", "login=ada",
                "Content-Type: text/plain"), 415, "unsupported-media-type"));
        cases.add(new Case("not acceptable", get("/api/v1/workspaces/acme/accounts", ADMIN,
                "Accept: application/xml"), 406, "not-acceptable"));
        cases.add(new Case("malformed JSON", send("POST", "/api/v1/sessions", "{\"login\": ", JSON), 400,
                "unreadable-body"));
        cases.add(new Case("missing body", send("POST", "/api/v1/sessions", "", JSON), 400, "unreadable-body"));
        cases.add(new Case("type mismatch in a parameter", get("/api/v1/workspaces/acme/accounts?page=abc", ADMIN),
                400, "bad-request"));
        cases.add(new Case("type mismatch in the path", get("/api/v1/workspaces/acme/accounts/not-a-uuid", ADMIN),
                400, "bad-request"));
        cases.add(new Case("declared body over the limit", RawHttp.send(port, "POST /api/v1/sessions HTTP/1.1\r\n"
                + JSON + "\r\nContent-Length: 10000000", new byte[0]), 413, "content-too-large"));
        cases.add(new Case("malformed percent-encoding (Tomcat)", get("/api/v1/workspaces/%zz/accounts", ADMIN), 400,
                "bad-request"));
        cases.add(new Case("raw braces in the path (Tomcat)", get("/api/v1/{x}"), 400, "bad-request"));
        cases.add(new Case("encoded slash (Tomcat)", get("/api/v1/workspaces/ac%2Fme/accounts", ADMIN), 400,
                "bad-request"));
        cases.add(new Case("no admin key", get("/api/v1/workspaces/acme/accounts"), 401, "unauthorized"));
        cases.add(new Case("headers over Tomcat's limit", get("/api/v1/sessions", "X-Padding: " + "a".repeat(20_000)),
                400, "bad-request"));
        cases.add(new Case("an invalid character in the method (Tomcat)",
                RawHttp.send(port, "GE(T /api/v1/sessions HTTP/1.1", null), 400, "bad-request"));
        assertProblems(cases);
    }
}
