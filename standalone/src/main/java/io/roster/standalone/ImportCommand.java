package io.roster.standalone;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code import --workspace WS --type users|contacts [--dry-run] [--atomic] [--key K] [--url URL] FILE}: uploads a
 * Users or Contacts file through the HTTP API, as any script of a platform team would, follows the job's progress
 * events with a progress bar (rows, rows/s, ETA), then prints the summary and where the errors are. The admin key
 * comes from {@code --key} or {@code ROSTER_ADMIN_KEY}; the server from {@code --url} or {@code ROSTER_URL}
 * (default {@code http://localhost:8080}). Exit code 0 when every row became an account (or would, in a dry run),
 * 1 when rows failed or the file was refused, 2 for a wrong command line.
 */
final class ImportCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BAR = 30;

    private ImportCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String workspace = null;
        String type = null;
        String mode = "IMPORT";
        boolean atomic = false;
        String key = System.getenv("ROSTER_ADMIN_KEY");
        String url = System.getenv().getOrDefault("ROSTER_URL", "http://localhost:8080");
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--workspace" -> workspace = i + 1 < args.length ? args[++i] : null;
                case "--type" -> type = i + 1 < args.length ? args[++i].toUpperCase(Locale.ROOT) : null;
                case "--key" -> key = i + 1 < args.length ? args[++i] : null;
                case "--url" -> url = i + 1 < args.length ? args[++i] : null;
                case "--dry-run" -> mode = "DRY_RUN";
                case "--atomic" -> atomic = true;
                default -> file = args[i];
            }
        }
        if (workspace == null || type == null || file == null || key == null || key.isBlank() || url == null) {
            err.println("usage: import --workspace WORKSPACE --type users|contacts [--dry-run] [--atomic]"
                    + " [--key ADMIN_KEY] [--url http://localhost:8080] FILE");
            err.println("       (the admin key may come from ROSTER_ADMIN_KEY instead of --key)");
            return 2;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            err.println("no such file: " + file);
            return 2;
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String imports = url + "/api/v1/workspaces/" + URLEncoder.encode(workspace, StandardCharsets.UTF_8)
                + "/imports";

        HttpResponse<String> accepted = http.send(upload(imports + "?type=" + type + "&mode=" + mode
                + "&atomic=" + atomic, key, path), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            err.println("the upload was refused (" + accepted.statusCode() + "): " + detail(accepted.body()));
            return 1;
        }
        JsonNode job = JSON.readTree(accepted.body());
        String self = url + job.get("links").get("self").asString();
        out.println("uploaded " + path.getFileName() + " (" + Files.size(path) + " bytes) as import "
                + job.get("id").asString());

        HttpResponse<java.util.stream.Stream<String>> events = http.send(HttpRequest.newBuilder(
                        URI.create(self + "/events")).header("Authorization", "Bearer " + key)
                        .header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        if (events.statusCode() != 200) {
            err.println("could not follow the import (" + events.statusCode() + ")");
            return 1;
        }
        String event = null;
        for (Iterator<String> lines = events.body().iterator(); lines.hasNext(); ) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                job = JSON.readTree(line.substring(5).strip());
                err.print("\r" + bar(job));
                if (!"progress".equals(event)) {
                    break;
                }
            }
        }
        err.println();
        return summary(job, url, out);
    }

    /** The multipart body streams the file from disk: it is never read whole into memory. */
    private static HttpRequest upload(String target, String key, Path file) throws java.io.FileNotFoundException {
        String boundary = "roster-" + UUID.randomUUID();
        String name = file.getFileName().toString().replace("\"", "");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(target))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
    }

    /** {@code READING [#########.....................]  31%  12000 rows  8100 rows/s  ETA 4 s}. */
    static String bar(JsonNode job) {
        double progress = job.get("progress").asDouble();
        int filled = (int) Math.round(progress * BAR);
        JsonNode eta = job.get("etaSeconds");
        return String.format(Locale.ROOT, "%-17s [%s%s] %3d%%  %d rows  %.0f rows/s%s   ",
                job.get("phase").asString(), "#".repeat(filled), ".".repeat(BAR - filled),
                Math.round(progress * 100), job.get("rowsRead").asLong(), job.get("rowsPerSecond").asDouble(),
                eta == null || eta.isNull() ? "" : "  ETA " + eta.asLong() + " s");
    }

    private static int summary(JsonNode job, String url, PrintStream out) {
        String phase = job.get("phase").asString();
        boolean dryRun = "DRY_RUN".equals(job.get("mode").asString());
        if ("FAILED".equals(phase)) {
            out.println("the file was refused: " + job.get("error").get("message").asString());
            return 1;
        }
        long invalid = job.get("rowsInvalid").asLong();
        long failed = job.get("rowsFailed").asLong();
        out.printf(Locale.ROOT, "%s: %d rows read, %d valid, %d invalid%s%n", dryRun ? "dry run" : "import",
                job.get("rowsRead").asLong(), job.get("rowsValid").asLong(), invalid, dryRun ? " (nothing written)"
                        : ", " + job.get("accountsCreated").asLong() + " accounts created, " + failed
                                + " refused when applied");
        for (JsonNode warning : job.get("warnings")) {
            out.println("warning: " + warning.get("message").asString());
        }
        if (invalid + failed > 0) {
            out.println("errors, cell by cell: " + url + job.get("links").get("errors").asString());
            out.println("the failed rows to fix and import again: curl -H \"Authorization: Bearer $ROSTER_ADMIN_KEY\""
                    + " -o errors.xlsx " + url + job.get("links").get("errorWorkbook").asString());
            return 1;
        }
        return 0;
    }

    private static String detail(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.has("detail") ? problem.get("detail").asString() : body;
        } catch (RuntimeException e) {
            return body;
        }
    }
}
