package io.roster.importer.template;

import io.roster.contracts.account.AccountTemplate;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The import templates to download, public (they hold no workspace's data):
 * {@code GET /api/v1/import-templates/users.xlsx}, {@code contacts.xlsx}, {@code users.csv}, {@code contacts.csv}.
 * Each is built once from its resource file and then served from memory (a few kilobytes each).
 */
@RestController
class ImportTemplateController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final URI NOT_FOUND = URI.create("https://roster.io/problems/not-found");

    private final Map<String, byte[]> built = new ConcurrentHashMap<>();

    @GetMapping("/api/v1/import-templates/{file}")
    ResponseEntity<?> template(@PathVariable String file) {
        String name = file.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        AccountTemplate template = dot < 0 ? null : switch (name.substring(0, dot)) {
            case "users" -> AccountTemplate.USERS;
            case "contacts" -> AccountTemplate.CONTACTS;
            default -> null;
        };
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        if (template == null || !(extension.equals("xlsx") || extension.equals("csv"))) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no import template is named so: the templates are users.xlsx, contacts.xlsx, users.csv and"
                            + " contacts.csv");
            problem.setType(NOT_FOUND);
            problem.setTitle("Not Found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        byte[] body = built.computeIfAbsent(name, n -> extension.equals("xlsx")
                ? TemplateWorkbook.write(TemplateText.of(template)) : TemplateCsv.write(TemplateText.of(template)));
        return ResponseEntity.ok().contentType(extension.equals("xlsx") ? XLSX : CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("roster-" + name).build().toString())
                .body(body);
    }
}
