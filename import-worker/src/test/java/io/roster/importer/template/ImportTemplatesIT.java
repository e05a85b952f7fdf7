package io.roster.importer.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.ContactTemplateColumn;
import io.roster.importer.ImporterIT;
import io.roster.importer.file.ImportFile;
import io.roster.importer.file.ImportFiles;
import io.roster.importer.file.ImportLimits;
import io.roster.importer.file.SheetRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The templates served by the running import-worker over real HTTP, without any key, read back by its own bean. */
class ImportTemplatesIT extends ImporterIT {

    @Autowired
    ImportFiles importFiles;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String name) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/import-templates/"
                + name)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theContactsTemplateIsPublicAndImportsAsItIs() throws Exception {
        HttpResponse<byte[]> response = get("contacts.xlsx");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml"));
        Path file = Files.write(dir.resolve("contacts.xlsx"), response.body());
        try (ImportFile read = importFiles.open(file, "contacts.xlsx", AccountTemplate.CONTACTS,
                ImportLimits.defaults())) {
            SheetRow first = read.next();
            assertThat(first.values()).containsEntry(ContactTemplateColumn.OWNER_LOGIN, "zoe.durand")
                    .containsEntry(ContactTemplateColumn.ZIPCODE, "33000");
            assertThat(read.warnings()).isEmpty();
        }
    }

    @Test
    void theUsersCsvIsServedAndAnUnknownNameIsAProblem() throws Exception {
        HttpResponse<byte[]> csv = get("users.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("\uFEFFLASTNAME*,");
        HttpResponse<byte[]> unknown = get("admins.csv");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(new String(unknown.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("users.xlsx");
    }
}
