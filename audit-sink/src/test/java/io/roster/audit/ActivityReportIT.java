package io.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.audit.app.AuditSinkApplication;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.activity.ActivityRecorded;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/** The report, its exports and their access rules, on the real broker, database and HTTP server. */
@SpringBootTest(classes = AuditSinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class ActivityReportIT {

    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    private static KafkaTestClient kafka;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    /** A workspace in Auckland with 30 sign-ins, one every 3 hours back from now; returns them newest first. */
    private List<Envelope<Payload>> workspaceWithSignIns(String workspace) {
        WorkspaceFacts sample = (WorkspaceFacts) GoldenSamples.envelope(MessageType.WORKSPACE_FACTS).payload();
        WorkspaceFacts facts = new WorkspaceFacts("Acme NZ", sample.plan(), sample.licenceCount(), AUCKLAND.getId(),
                sample.applications(), sample.tfaModes(), sample.idleTimeoutPolicy(), sample.idleTimeoutMinutes(),
                sample.concurrentSessions(), sample.usersMayChangeConcurrentSessions());
        // older than the retention: the zone is kept, no entry is made (ActivityLogIT checks the facts' entries)
        Envelope<Payload> factsEvent = new Envelope<>(UUID.randomUUID(), MessageType.WORKSPACE_FACTS.typeName(),
                Instant.now().minus(Duration.ofDays(400)), workspace, "facts-" + workspace,
                Actor.system("invite-service"), facts);
        kafka.send(Topics.WORKSPACES, factsEvent.key(), codec.writeString(factsEvent));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Envelope<Payload>> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String who = i % 3 == 0 ? "ada" : "bob";
            Envelope<Payload> e = new Envelope<>(UUID.randomUUID(), MessageType.ACTIVITY_RECORDED.typeName(),
                    now.minus(Duration.ofHours(3L * i)), workspace, "req-" + i,
                    new Actor(Actor.Kind.USER, "acc-" + who, i % 2 == 0 ? "198.51.100.7" : "203.0.113.9"),
                    new ActivityRecorded(i == 1 ? "SIGN_IN_FAILED" : "SIGN_IN", i == 4 ? "-2+3" : "acc-" + who, who,
                            i == 7 ? "from the Ünïcode kiosk" : null));
            events.add(e);
            kafka.send(Topics.ACTIVITY, e.key(), codec.writeString(e));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM audit.activity_log WHERE workspace_id = ?").param(workspace)
                .query(Long.class).single() == 30 && jdbc.sql(
                "SELECT count(*) FROM audit.workspace WHERE workspace_id = ?").param(workspace)
                .query(Long.class).single() == 1);
        return events;
    }

    private HttpResponse<byte[]> get(String path, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                    : "http://localhost:" + port + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> entries(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json.readValue(response.body(), new tools.jackson.core.type.TypeReference<>() { });
    }

    private static String workspace() {
        return "ws-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithTimesInTheWorkspacesZone() {
        String ws = workspace();
        List<Envelope<Payload>> events = workspaceWithSignIns(ws);
        String key = AuditKeys.issue(kafka, jdbc, ws);

        List<Object> seen = new ArrayList<>();
        String next = "/api/v1/workspaces/" + ws + "/activity?size=7";
        int pages = 0;
        while (next != null) {
            HttpResponse<byte[]> page = get(next, key);
            seen.addAll(entries(page).stream().map(e -> e.get("eventId")).toList());
            next = page.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(seen).containsExactlyElementsOf(events.stream().map(e -> e.eventId().toString()).toList());

        Map<String, Object> newest = entries(get("/api/v1/workspaces/" + ws + "/activity?size=1", key)).get(0);
        ZonedDateTime local = events.get(0).occurredAt().atZone(AUCKLAND);
        assertThat(newest).containsEntry("timeZone", "Pacific/Auckland")
                .containsEntry("date", local.toLocalDate().toString())
                // ISO_LOCAL_TIME always writes the seconds, as the API does; LocalTime.toString drops them when they are zero
                .containsEntry("time", DateTimeFormatter.ISO_LOCAL_TIME.format(local.toLocalTime()))
                .containsEntry("occurredAt", events.get(0).occurredAt().toString())
                .containsEntry("action", "SIGN_IN").containsEntry("clientIp", "198.51.100.7");
        assertThat(newest.get("details")).isInstanceOf(Map.class);
    }

    @Test
    void pagesOfASparseLogReachItsOldestEntries() {
        // one entry in each window the page query reads (the newest day, the 7 days before, the rest of the range)
        String ws = workspace();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Envelope<Payload>> events = new ArrayList<>();
        for (Duration age : List.of(Duration.ofMinutes(1), Duration.ofDays(3), Duration.ofDays(20),
                Duration.ofDays(80))) {
            Envelope<Payload> e = ActivityIngestIT.signIn(ws, now.minus(age), "user-" + age.toDays());
            events.add(e);
            kafka.send(Topics.ACTIVITY, e.key(), codec.writeString(e));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM audit.activity_log WHERE workspace_id = ?").param(ws)
                .query(Long.class).single() == 4);
        String key = AuditKeys.issue(kafka, jdbc, ws);
        List<String> expected = events.stream().map(e -> e.eventId().toString()).toList();
        assertThat(entries(get("/api/v1/workspaces/" + ws + "/activity?size=10", key)))
                .extracting(e -> e.get("eventId")).containsExactlyElementsOf(expected);
        List<Object> seen = new ArrayList<>();
        String next = "/api/v1/workspaces/" + ws + "/activity?size=1";
        while (next != null) {
            HttpResponse<byte[]> page = get(next, key);
            seen.addAll(entries(page).stream().map(e -> e.get("eventId")).toList());
            next = page.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        // a range ending before the newest day starts its windows there
        assertThat(entries(get("/api/v1/workspaces/" + ws + "/activity?size=10&to=" + now.minus(Duration.ofDays(2)),
                key))).extracting(e -> e.get("eventId")).containsExactlyElementsOf(expected.subList(1, 4));
    }

    @Test
    void datesAreWholeDaysInTheWorkspacesZoneAndTheFiltersNarrow() {
        String ws = workspace();
        List<Envelope<Payload>> events = workspaceWithSignIns(ws);
        String key = AuditKeys.issue(kafka, jdbc, ws);
        String path = "/api/v1/workspaces/" + ws + "/activity?size=1000";

        LocalDate yesterday = LocalDate.now(AUCKLAND).minusDays(1);
        List<String> expected = events.stream()
                .filter(e -> e.occurredAt().atZone(AUCKLAND).toLocalDate().equals(yesterday))
                .map(e -> e.eventId().toString()).toList();
        assertThat(entries(get(path + "&from=" + yesterday + "&to=" + yesterday, key)))
                .extracting(e -> e.get("eventId")).containsExactlyElementsOf(expected);
        Instant from = events.get(5).occurredAt();
        Instant to = events.get(2).occurredAt();
        assertThat(entries(get(path + "&from=" + from + "&to=" + to, key))).extracting(e -> e.get("eventId"))
                .containsExactly(events.get(3).eventId().toString(), events.get(4).eventId().toString(),
                        events.get(5).eventId().toString());

        assertThat(entries(get(path + "&activity=SIGN_IN_FAILED", key))).hasSize(1);
        assertThat(entries(get(path + "&actor=acc-ada", key))).hasSize(10);
        assertThat(entries(get(path + "&account=-2%2B3", key))).hasSize(1);
        assertThat(entries(get(path + "&ip=203.0.113.9", key))).hasSize(15);
        assertThat(entries(get(path + "&text=%C3%9Cn%C3%AFCODE", key))).extracting(e -> e.get("eventId"))
                .containsExactly(events.get(7).eventId().toString());
        assertThat(entries(get(path + "&text=100%25", key))).isEmpty();
    }

    @Test
    void aStartOlderThan90DaysOrAnEndBeforeTheStartIsA400NamingTheField() {
        String ws = workspace();
        String key = AuditKeys.issue(kafka, jdbc, ws);
        String path = "/api/v1/workspaces/" + ws + "/activity";
        for (String suffix : List.of("", "/export.csv", "/export.pdf", "/verify")) {
            String old = LocalDate.now().minusDays(92).toString();
            HttpResponse<byte[]> tooOld = get(path + suffix + "?from=" + old, key);
            assertThat(tooOld.statusCode()).isEqualTo(400);
            assertThat(tooOld.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(new String(tooOld.body(), StandardCharsets.UTF_8)).contains("\"field\":\"from\"",
                    "within the last 90 days");
            HttpResponse<byte[]> reversed = get(path + suffix + "?from=" + LocalDate.now() + "&to="
                    + LocalDate.now().minusDays(3), key);
            assertThat(reversed.statusCode()).isEqualTo(400);
            assertThat(new String(reversed.body(), StandardCharsets.UTF_8)).contains("\"field\":\"to\"")
                    .doesNotContain("\"field\":\"from\"");
            assertThat(get(path + suffix + "?from=yesterday", key).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theCsvExportIsUtf8WithABomNeutralisesFormulasAndIsItselfAnEntry() {
        String ws = workspace();
        workspaceWithSignIns(ws);
        String key = AuditKeys.issue(kafka, jdbc, ws);
        HttpResponse<byte[]> csv = get("/api/v1/workspaces/" + ws + "/activity/export.csv", key);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "text/csv"));
        assertThat(csv.headers().firstValue("Roster-Chain-Head")).isPresent();
        byte[] body = csv.body();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).contains("\"Workspace\",\"Acme NZ (" + ws + ")\"", "\"Chain heads\",\""
                        + csv.headers().firstValue("Roster-Chain-Head").orElseThrow() + "\"",
                "\"Date\",\"Time\",\"Time zone\"", "\"'-2+3\"", "from the Ünïcode kiosk")
                .doesNotContain(",\"-2+3\"");
        assertThat(text.lines().filter(l -> l.contains("\"Pacific/Auckland\"")).count()).isEqualTo(30);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM audit.activity_log"
                + " WHERE workspace_id = ? AND action = 'LOG_EXPORTED' AND actor_kind = 'ADMIN' AND actor_id = ?")
                .params(ws, key.substring(0, key.indexOf('.'))).query(Long.class).single() == 1);
        // the export is about no account: the report shows no subject (it once showed the word "null")
        List<Map<String, Object>> exports = entries(get("/api/v1/workspaces/" + ws
                + "/activity?activity=LOG_EXPORTED", key));
        assertThat(exports).singleElement().satisfies(e -> {
            assertThat(e.get("subject")).isNull();
            assertThat(e.get("accountId")).isNull();
            assertThat((String) e.get("summary")).startsWith("LOG_EXPORTED: CSV export of ").contains("30 entries");
        });
        assertThat(jdbc.sql("SELECT count(*) FROM audit.activity_log WHERE workspace_id = ? AND subject IS NULL"
                + " AND action = 'LOG_EXPORTED'").param(ws).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void thePdfExportHasTheHeadingTheRowsAndPageNumbers() throws Exception {
        String ws = workspace();
        List<Envelope<Payload>> events = workspaceWithSignIns(ws);
        String key = AuditKeys.issue(kafka, jdbc, ws);
        HttpResponse<byte[]> pdf = get("/api/v1/workspaces/" + ws + "/activity/export.pdf?ip=198.51.100.7", key);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        String head = pdf.headers().firstValue("Roster-Chain-Head").orElseThrow();
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Activity log", "Workspace: Acme NZ (" + ws + ")", "Range: ",
                    "(Pacific/Auckland)", "Generated at: ", "Chain heads: " + head.substring(0, head.indexOf(':') + 9),
                    "Date", "Time", "Activity", "User", "IP", "Page 1", "user acc-ada", "198.51.100.7")
                    .doesNotContain("203.0.113.9");
            ZonedDateTime newest = events.get(0).occurredAt().atZone(AUCKLAND);
            assertThat(text).contains(newest.toLocalDate().toString());
        }
    }

    @Test
    void thePdfExportPrintsNamesInAnyScript() throws Exception {
        String ws = workspace();
        workspaceWithSignIns(ws);
        List<String> names = List.of("Анна Каренина", "Γιώργος Σεφέρης", "山田太郎", "김민준", "محمد");
        Instant at = Instant.now().minusSeconds(5);
        for (String name : names) {
            Envelope<Payload> e = new Envelope<>(UUID.randomUUID(), MessageType.ACTIVITY_RECORDED.typeName(), at, ws,
                    "req-" + name, new Actor(Actor.Kind.USER, "acc-" + name, "198.51.100.7"),
                    new ActivityRecorded("SIGN_IN", "acc-" + name, name, null));
            kafka.send(Topics.ACTIVITY, e.key(), codec.writeString(e));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM audit.activity_log WHERE workspace_id = ?").param(ws)
                .query(Long.class).single() == 30 + names.size());
        String key = AuditKeys.issue(kafka, jdbc, ws);
        HttpResponse<byte[]> pdf = get("/api/v1/workspaces/" + ws + "/activity/export.pdf", key);
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            // each name twice: in the activity's text and as the user
            for (String name : names) {
                assertThat(text).as(name).contains("SIGN_IN " + name, "user acc-" + name);
            }
            assertThat(document.getPage(0).getResources().getFontNames()).isNotEmpty();
        }
    }

    @Test
    void onlyTheWorkspacesAdminKeysReachAnyEndpoint() {
        String ws = workspace();
        String other = workspace();
        String key = AuditKeys.issue(kafka, jdbc, ws);
        String otherKey = AuditKeys.issue(kafka, jdbc, other);
        for (String suffix : List.of("", "/export.csv", "/export.pdf", "/verify")) {
            String path = "/api/v1/workspaces/" + ws + "/activity" + suffix;
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            // a user's session token is no admin key
            assertThat(get(path, "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln").statusCode()).as(path)
                    .isEqualTo(401);
            assertThat(get(path, otherKey).statusCode()).as(path).isEqualTo(404);
            assertThat(get(path, key).statusCode()).as(path).isEqualTo(200);
        }
    }
}
