package io.roster.importer.file;

import static io.roster.contracts.account.UserTemplateColumn.BIOGRAPHY;
import static io.roster.contracts.account.UserTemplateColumn.EMAIL;
import static io.roster.contracts.account.UserTemplateColumn.FIRSTNAME;
import static io.roster.contracts.account.UserTemplateColumn.LASTNAME;
import static io.roster.contracts.account.UserTemplateColumn.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.contracts.account.AccountTemplate;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportFileTest {

    static final String HEADER = "LASTNAME*,FIRSTNAME*,EMAIL*,STATUS*,LOGIN*,MAIL_LANGUAGE*,SHARE_SPACE_MAX*,SAVE_SPACE_MAX*";

    @TempDir
    Path dir;

    final ImportFiles files = new DefaultImportFiles();

    @Test
    void readsCommaSeparatedUtf8WithoutBom() throws Exception {
        List<SheetRow> rows = readAll(write(HEADER + "\nDurand,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,\n"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).row()).isEqualTo(1);
        assertThat(rows.get(0).values()).containsEntry(FIRSTNAME, "Zoé").containsEntry(LOGIN, "zoe.durand")
                .hasSize(6);
    }

    @Test
    void readsSemicolonsBomAndCrlf() throws Exception {
        String text = "\uFEFF" + HEADER.replace(',', ';') + "\r\nDurand;Zoé;zoe@acme.io;ACTIVE;zoe.durand;fr;;\r\n"
                + "Martin;Léo;leo@acme.io;ACTIVE;leo.martin;en;;\r\n";
        List<SheetRow> rows = readAll(write(text));
        assertThat(rows).extracting(SheetRow::row).containsExactly(1L, 2L);
        assertThat(rows.get(0).values()).containsEntry(LASTNAME, "Durand");
        assertThat(rows.get(1).values()).containsEntry(EMAIL, "leo@acme.io");
    }

    @Test
    void quotedFieldsHoldSeparatorsQuotesAndLineBreaks() throws Exception {
        String text = HEADER + ",BIOGRAPHY\n\"Durand, Jr\",Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,,\"She said \"\"hi\"\"\nand left; twice\"\n"
                + "Martin,Léo,leo@acme.io,ACTIVE,leo.martin,en,,,\n";
        List<SheetRow> rows = readAll(write(text));
        assertThat(rows.get(0).values()).containsEntry(LASTNAME, "Durand, Jr")
                .containsEntry(BIOGRAPHY, "She said \"hi\"\nand left; twice");
        assertThat(rows.get(1).row()).as("a quoted line break does not start a row").isEqualTo(2);
    }

    @Test
    void headersMatchWhateverTheCaseBlanksAndStarInAnyOrder() throws Exception {
        String text = " login , Email * ,lastname,FirstName*,status,mail_language,NICKNAME,Save_Space_Max,"
                + "SHARE_SPACE_MAX *\nzoe.durand,zoe@acme.io,Durand,Zoé,ACTIVE,fr,Zozo,,\n";
        try (ImportFile file = open(write(text))) {
            assertThat(file.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo("unknown_column_ignored");
                assertThat(w.message()).contains("NICKNAME").contains("(G)");
            });
            SheetRow row = file.next();
            assertThat(row.values()).containsEntry(LOGIN, "zoe.durand").containsEntry(EMAIL, "zoe@acme.io")
                    .containsEntry(LASTNAME, "Durand").hasSize(6);
        }
    }

    @Test
    void trimsCellsAndSkipsBlankRowsButCountsThem() throws Exception {
        String text = HEADER + "\n  Durand  ,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,\n\n , , ,,,,,\n"
                + "Martin,Léo,leo@acme.io,ACTIVE,leo.martin,en\n";
        List<SheetRow> rows = readAll(write(text));
        assertThat(rows).extracting(SheetRow::row).containsExactly(1L, 4L);
        assertThat(rows.get(0).values()).containsEntry(LASTNAME, "Durand");
    }

    @Test
    void aMissingRequiredColumnIsNamed() throws Exception {
        Path file = write("LASTNAME,FIRSTNAME,STATUS,MAIL_LANGUAGE\nDurand,Zoé,ACTIVE,fr\n");
        assertThatThrownBy(() -> open(file)).isInstanceOf(ImportFileException.class)
                .hasMessageContaining("EMAIL, LOGIN").extracting("code").isEqualTo("missing_column");
    }

    @Test
    void aColumnTwiceIsRefused() throws Exception {
        Path file = write(HEADER + ",email\nDurand,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,,x\n");
        assertThatThrownBy(() -> open(file)).extracting("code").isEqualTo("duplicate_column");
    }

    @Test
    void cp1252IsRefusedWithHowToSaveAsUtf8() throws Exception {
        Path file = dir.resolve("users.csv");
        Files.writeString(file, HEADER + "\nDurand,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,\n",
                Charset.forName("windows-1252"));
        assertThatThrownBy(() -> open(file)).hasMessageContaining("line 2").hasMessageContaining("CSV UTF-8")
                .extracting("code").isEqualTo("not_utf8");
    }

    /**
     * The encoding check reads the file in 64 KB chunks and skips decoding the all-ASCII ones: a cp1252 byte after
     * many ASCII chunks is still found (on its line), and UTF-8 characters cut by a chunk's end still read.
     */
    @Test
    void theEncodingIsCheckedAcrossChunksOfAscii() throws Exception {
        StringBuilder ascii = new StringBuilder(HEADER).append('\n');
        int lines = 0;
        while (ascii.length() < 300_000) {
            ascii.append("Durand,Zoe,zoe").append(lines).append("@acme.io,ACTIVE,zoe.").append(lines).append(",fr,,\n");
            lines++;
        }
        Path cp1252 = dir.resolve("late.csv");
        Files.writeString(cp1252, ascii + "Durand,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,\n",
                Charset.forName("windows-1252"));
        assertThatThrownBy(() -> open(cp1252)).hasMessageContaining("line " + (lines + 2)).extracting("code")
                .isEqualTo("not_utf8");
        for (int shift = 0; shift < 4; shift++) {
            StringBuilder text = new StringBuilder(HEADER).append('\n');
            int rows = 0;
            while (text.length() < 200_000) {
                // 2-, 3- and 4-byte characters at every offset from the chunks' ends
                text.append("Dürand").append("x".repeat(shift)).append(",Zoé€😀,zoe").append(rows)
                        .append("@acme.io,ACTIVE,zoe.").append(rows).append(",fr,,\n");
                rows++;
            }
            List<SheetRow> read = readAll(write(text.toString()));
            assertThat(read).hasSize(rows);
            assertThat(read.get(rows - 1).values()).containsEntry(FIRSTNAME, "Zoé€😀");
        }
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRefusedClearly() throws Exception {
        assertThatThrownBy(() -> open(write(""))).extracting("code").isEqualTo("empty_file");
        assertThatThrownBy(() -> open(write("\n\n , \n"))).extracting("code").isEqualTo("empty_file");
        assertThatThrownBy(() -> open(write(HEADER + "\n"))).hasMessageContaining("no row under it")
                .extracting("code").isEqualTo("no_rows");
    }

    @Test
    void anUnterminatedQuoteIsRefusedWithItsLine() throws Exception {
        Path file = write(HEADER + "\nDurand,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,\nMartin,\"Léo,leo@acme.io\n"
                + "a,b,c\n");
        assertThatThrownBy(() -> open(file)).hasMessageContaining("line 3").extracting("code")
                .isEqualTo("unterminated_quote");
    }

    @Test
    void textAfterAClosingQuoteIsRefused() throws Exception {
        Path file = write(HEADER + "\n\"Durand\"x,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,\n");
        assertThatThrownBy(() -> open(file)).extracting("code").isEqualTo("malformed_csv");
    }

    @Test
    void aHundredThousandCharacterCellIsRefusedForItsCellOnly() throws Exception {
        String huge = "x".repeat(100_000);
        List<SheetRow> rows = readAll(write(HEADER + ",BIOGRAPHY\nDurand,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,,"
                + huge + "\n"));
        SheetRow row = rows.get(0);
        assertThat(row.values()).containsEntry(LASTNAME, "Durand").doesNotContainKey(BIOGRAPHY);
        assertThat(row.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo(BIOGRAPHY);
            assertThat(p.code()).isEqualTo("cell_too_long");
            assertThat(p.value()).hasSizeLessThan(300).contains("100000 characters");
        });
    }

    @Test
    void binaryGarbageIsRefused() throws Exception {
        Path file = dir.resolve("garbage.csv");
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        bytes[0] = 0;
        Files.write(file, bytes);
        assertThatThrownBy(() -> open(file)).extracting("code").isIn("unsupported_format", "not_utf8");
    }

    @Test
    void legacyAndOpenDocumentFilesAreRefusedWithHowToSaveAsXlsx() throws Exception {
        Path xls = dir.resolve("users.csv");
        Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1, 0, 0, 0, 0});
        assertThatThrownBy(() -> open(xls)).hasMessageContaining("save it as .xlsx").extracting("code")
                .isEqualTo("unsupported_format");
        Path ods = dir.resolve("users.ods");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(ods))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("mimetype"));
            zip.write("application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> open(ods)).hasMessageContaining("OpenDocument").hasMessageContaining(".xlsx");
    }

    @Test
    void aFileOverTheSizeLimitOrRowLimitIsRefused() throws Exception {
        Path file = write(HEADER + "\nDurand,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,\nMartin,Léo,leo@acme.io,ACTIVE,l,en\n");
        assertThatThrownBy(() -> files.open(file, "u.csv", AccountTemplate.USERS, new ImportLimits(10, 5, 100)))
                .extracting("code").isEqualTo("file_too_large");
        try (ImportFile open = files.open(file, "u.csv", AccountTemplate.USERS, new ImportLimits(1000, 1, 100))) {
            assertThat(open.next()).isNotNull();
            assertThatThrownBy(open::next).extracting("code").isEqualTo("too_many_rows");
        }
    }

    @Test
    void reportsBytesReadAndSize() throws Exception {
        Path path = write(HEADER + "\nDurand,Zoé,zoe@acme.io,ACTIVE,zoe.durand,fr,,\n");
        try (ImportFile file = open(path)) {
            while (file.next() != null) {
                // read all
            }
            assertThat(file.size()).isEqualTo(Files.size(path));
            assertThat(file.bytesRead()).isEqualTo(file.size());
        }
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "users", ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private ImportFile open(Path file) throws ImportFileException {
        return files.open(file, "users.csv", AccountTemplate.USERS, ImportLimits.defaults());
    }

    private List<SheetRow> readAll(Path path) throws ImportFileException {
        List<SheetRow> rows = new ArrayList<>();
        try (ImportFile file = open(path)) {
            for (SheetRow row = file.next(); row != null; row = file.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
