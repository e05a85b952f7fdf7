package io.roster.importer.file;

import static io.roster.contracts.account.UserTemplateColumn.BIOGRAPHY;
import static io.roster.contracts.account.UserTemplateColumn.COMPANY;
import static io.roster.contracts.account.UserTemplateColumn.EMAIL;
import static io.roster.contracts.account.UserTemplateColumn.FIRSTNAME;
import static io.roster.contracts.account.UserTemplateColumn.LASTNAME;
import static io.roster.contracts.account.UserTemplateColumn.LOGIN;
import static io.roster.contracts.account.UserTemplateColumn.MAIL_LANGUAGE;
import static io.roster.contracts.account.UserTemplateColumn.MODIFICATION_PREVENTION;
import static io.roster.contracts.account.UserTemplateColumn.PHONE;
import static io.roster.contracts.account.UserTemplateColumn.SUSPENSION_DATE;
import static io.roster.contracts.account.UserTemplateColumn.ZIPCODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.contracts.account.AccountTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XlsxImportFileTest {

    static final String[] HEADER = {"LASTNAME*", "FIRSTNAME*", "EMAIL*", "STATUS*", "LOGIN*", "MAIL_LANGUAGE*",
        "SHARE_SPACE_MAX*", "SAVE_SPACE_MAX*", "ZIPCODE", "PHONE", "SUSPENSION_DATE", "MODIFICATION_PREVENTION",
        "COMPANY", "BIOGRAPHY"};

    @TempDir
    Path dir;

    final ImportFiles files = new DefaultImportFiles();

    @Test
    void readsCellsAsTheAdminTypedThemFromExcelsSharedStrings() throws Exception {
        List<SheetRow> rows = readAll(typedCells(new XSSFWorkbook(), "users.xlsx"));
        assertTyped(rows);
    }

    @Test
    void readsInlineStringsAsSxssfWritesThem() throws Exception {
        List<SheetRow> rows = readAll(typedCells(new SXSSFWorkbook(), "users.xlsx"));
        assertTyped(rows);
    }

    @Test
    void anXlsxRenamedCsvIsReadAsTheXlsxItIs() throws Exception {
        assertTyped(readAll(typedCells(new XSSFWorkbook(), "users.csv")));
    }

    private static void assertTyped(List<SheetRow> rows) {
        assertThat(rows).hasSize(2);
        SheetRow row = rows.get(0);
        assertThat(row.row()).isEqualTo(1);
        assertThat(row.values()).containsEntry(LASTNAME, "Durand").containsEntry(FIRSTNAME, "Zoé")
                .containsEntry(ZIPCODE, "75008").containsEntry(PHONE, "33612345678")
                .containsEntry(SUSPENSION_DATE, "31/12/2027/18:30").containsEntry(MODIFICATION_PREVENTION, "YES")
                .doesNotContainKey(COMPANY);
        assertThat(row.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo(COMPANY);
            assertThat(p.code()).isEqualTo("formula_not_allowed");
            assertThat(p.value()).isEqualTo("=CONCATENATE(\"Ac\",\"me\")");
        });
        assertThat(rows.get(1).row()).as("the blank row between is counted").isEqualTo(3);
        assertThat(rows.get(1).values()).containsEntry(ZIPCODE, "1234.5").containsEntry(MODIFICATION_PREVENTION, "NO")
                .containsEntry(EMAIL, "leo@acme.io");
    }

    private Path typedCells(Workbook workbook, String name) throws IOException {
        try (workbook) {
            Sheet sheet = workbook.createSheet("Users");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADER.length; i++) {
                header.createCell(i).setCellValue(HEADER[i]);
            }
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
            Row row = sheet.createRow(1);
            String[] text = {"  Durand ", "Zoé", "zoe@acme.io", "ACTIVE", "zoe.durand", "fr", "10 GB", "1 GB"};
            for (int i = 0; i < text.length; i++) {
                row.createCell(i).setCellValue(text[i]);
            }
            row.createCell(8).setCellValue(75008d);
            row.createCell(9).setCellValue(33612345678d);
            row.createCell(10).setCellValue(LocalDateTime.of(2027, 12, 31, 18, 30));
            row.getCell(10).setCellStyle(date);
            row.createCell(11).setCellValue(true);
            row.createCell(12).setCellFormula("CONCATENATE(\"Ac\",\"me\")");
            Row other = sheet.createRow(3);
            String[] text2 = {"Martin", "Léo", "leo@acme.io", "ACTIVE", "leo.martin", "en", "", ""};
            for (int i = 0; i < text2.length; i++) {
                other.createCell(i).setCellValue(text2[i]);
            }
            other.createCell(8).setCellValue(1234.5d);
            other.createCell(11).setCellValue(false);
            Path file = dir.resolve(name);
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
            return file;
        }
    }

    @Test
    void sharedStringsAfterTheSheetEscapesAndRichTextRuns() throws Exception {
        String header = sharedHeader();
        String strings = Arrays.stream(HEADER).map(h -> "<si><t>" + h + "</t></si>").reduce("", String::concat)
                + "<si><r><t>Du</t></r><r><rPr><b/></rPr><t>rand</t></r><rPh sb=\"0\" eb=\"1\"><t>ドゥ</t></rPh></si>"
                + "<si><t>line_x000D_break _x005F_x0041_ kept</t></si>";
        Path file = RawXlsx.of(strings, "<sheetData>" + header
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>" + HEADER.length + "</v></c>"
                + "<c r=\"N2\" t=\"s\"><v>" + (HEADER.length + 1) + "</v></c></row></sheetData>")
                .last("xl/sharedStrings.xml").write(dir.resolve("odd.xlsx"));
        SheetRow row = readAll(file).get(0);
        assertThat(row.values()).containsEntry(LASTNAME, "Durand").containsEntry(BIOGRAPHY, "line\rbreak _x0041_ kept");
    }

    private static String sharedHeader() {
        StringBuilder row = new StringBuilder("<row r=\"1\">");
        for (int i = 0; i < HEADER.length; i++) {
            row.append("<c r=\"").append(CellText.columnLetters(i)).append("1\" t=\"s\"><v>").append(i)
                    .append("</v></c>");
        }
        return row.append("</row>").toString();
    }

    @Test
    void everyCellTypeAndAttributeIsReadAsTheSchemaTypesIt() throws Exception {
        // t, s and r decoded from the parser's characters: each type, a style given as the schema's unsigned integer
        // (blanks around it and a sign are no part of it), a cell without a reference, a column past XFD
        double date = org.apache.poi.ss.usermodel.DateUtil.getExcelDate(LocalDateTime.of(2027, 12, 31, 18, 30));
        RawXlsx x = RawXlsx.of("<si><t>zoe@acme.io</t></si>", "<sheetData>" + RawXlsx.row(1, HEADER)
                + "<row r=\"2\"><c r=\"A2\" t=\"str\"><v>Du_x0072_and</v></c>"
                + "<c t=\"inlineStr\"><is><t>Zoé</t></is></c>"
                + "<c r=\" C2 \" t=\" s \"><v> 0 </v></c>"
                + "<c r=\"E2\" t=\"x\"><v>as stored</v></c><c r=\"F2\" t=\"\"><v>fr</v></c>"
                + "<c r=\"I2\" s=\"0\"><v>75008</v></c><c r=\"J2\"><v>33612345678</v></c>"
                + "<c r=\"K2\" s=\" 1 \"><v>" + date + "</v></c><c r=\"L2\" t=\"b\"><v>0</v></c>"
                + "<c r=\"M2\" t=\"e\"><v>#N/A</v></c><c r=\"N2\" t=\"d\"><v>2027-12-31T18:30:00</v></c>"
                + "<c r=\"XFE2\" t=\"inlineStr\"><is><t>past the last column</t></is></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Martin</t></is></c>"
                + "<c r=\"I3\" s=\"-1\"><v>1234.50</v></c><c r=\"K3\" s=\"+1\"><v>" + date + "</v></c>"
                + "<c r=\"L3\" s=\"1x\" t=\"b\"><v>1</v></c><c r=\"N3\" s=\"1\" t=\"n\"><v>" + date + "</v></c>"
                + "</row></sheetData>");
        x.put("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"" + RawXlsx.NS + "\"><cellXfs count=\"2\">"
                + "<xf numFmtId=\"0\"/><xf numFmtId=\"22\"/></cellXfs></styleSheet>");
        x.put("[Content_Types].xml", x.parts.get("[Content_Types].xml").replace("</Types>",
                "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                        + "spreadsheetml.styles+xml\"/></Types>"));
        x.put("xl/_rels/workbook.xml.rels", x.parts.get("xl/_rels/workbook.xml.rels").replace("</Relationships>",
                "<Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                        + "styles\" Target=\"styles.xml\"/></Relationships>"));
        List<SheetRow> rows = readAll(x.write(dir.resolve("types.xlsx")));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).values()).containsEntry(LASTNAME, "Durand").containsEntry(FIRSTNAME, "Zoé")
                .containsEntry(EMAIL, "zoe@acme.io").containsEntry(LOGIN, "as stored")
                .containsEntry(MAIL_LANGUAGE, "fr").containsEntry(ZIPCODE, "75008").containsEntry(PHONE, "33612345678")
                .containsEntry(SUSPENSION_DATE, "31/12/2027/18:30").containsEntry(MODIFICATION_PREVENTION, "NO")
                .containsEntry(COMPANY, "#N/A").containsEntry(BIOGRAPHY, "31/12/2027/18:30").hasSize(11);
        assertThat(rows.get(1).values()).containsEntry(LASTNAME, "Martin").containsEntry(ZIPCODE, "1234.5")
                .containsEntry(SUSPENSION_DATE, "31/12/2027/18:30").containsEntry(MODIFICATION_PREVENTION, "YES")
                .containsEntry(BIOGRAPHY, "31/12/2027/18:30").hasSize(5);
    }

    @Test
    void aCellIsDecidedByItsFormulaElseItsInlineStringOrValueWhateverTheirOrder() throws Exception {
        // a <c> may hold <f>, <v> and <is>, in any order and repeated: the formula refuses the cell, else an inline
        // string's <is> or the <v> gives its text; of a child repeated, the last
        Path file = RawXlsx.of(null, "<sheetData>" + RawXlsx.row(1, HEADER) + "<row r=\"2\">"
                + "<c r=\"A2\" t=\"inlineStr\"><v>value</v><is><t>Du_x0072_and</t></is><v>value</v></c>"
                + "<c r=\"B2\" t=\"str\"><is><t>not read</t></is><v>Zo_x00E9_</v></c>"
                + "<c r=\"C2\"><v>7</v><f>A1&amp;\"@acme.io\"</f><v>8</v></c>"
                + "<c r=\"D2\" t=\"inlineStr\"><f>B1</f><is><t>x</t></is><f/></c>"
                + "<c r=\"N2\" t=\"inlineStr\"><is><t>first</t></is><is><t>la</t><t>st</t></is></c>"
                + "</row></sheetData>").write(dir.resolve("children.xlsx"));
        SheetRow row = readAll(file).get(0);
        assertThat(row.values()).containsOnly(java.util.Map.entry(LASTNAME, "Durand"),
                java.util.Map.entry(FIRSTNAME, "Zoé"), java.util.Map.entry(BIOGRAPHY, "last"));
        assertThat(row.problems()).extracting(CellProblem::column, CellProblem::value, CellProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EMAIL, "=A1&\"@acme.io\"", "formula_not_allowed"),
                        org.assertj.core.groups.Tuple.tuple(io.roster.contracts.account.UserTemplateColumn.STATUS,
                                "=(shared formula)", "formula_not_allowed"));
    }

    @Test
    void aRowNumberIsReadAsLongParseLongReadsItStripped() throws Exception {
        StringBuilder sheet = new StringBuilder("<sheetData>" + RawXlsx.row(1, HEADER));
        String[] numbers = {"2", " 3 ", "+4", "0005", "\u20036", "7"};
        for (String r : numbers) {
            sheet.append("<row r=\"").append(r).append("\"><c t=\"inlineStr\"><is><t>row ").append(r.strip())
                    .append("</t></is></c></row>");
        }
        sheet.append("<row><c t=\"inlineStr\"><is><t>unnumbered</t></is></c></row>");
        List<SheetRow> rows = readAll(RawXlsx.of(null, sheet.append("</sheetData>").toString())
                .write(dir.resolve("numbers.xlsx")));
        assertThat(rows).extracting(SheetRow::row).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(rows.get(6).cell(LASTNAME)).isEqualTo("unnumbered");
        for (String r : new String[] {"x", "0", "-1", "", "1.5", "9".repeat(20), "A2"}) {
            Path file = RawXlsx.of(null, "<sheetData>" + RawXlsx.row(1, HEADER) + RawXlsx.row(2, "Durand")
                    + "<row r=\"" + r + "\"/></sheetData>").write(dir.resolve("number.xlsx"));
            assertThatThrownBy(() -> readAll(file)).as(r).isInstanceOf(ImportFileException.class)
                    .hasMessageContaining("has a row numbered " + r + ":").extracting("code").isEqualTo("corrupt_file");
        }
    }

    @Test
    void aFileClosedBeforeItsEndStopsItsSheetsThreads() throws Exception {
        StringBuilder sheet = new StringBuilder("<sheetData>" + RawXlsx.row(1, HEADER));
        for (int r = 2; r < 20_000; r++) {
            sheet.append(RawXlsx.row(r, "Durand" + r, "Zoé"));
        }
        Path file = RawXlsx.of(null, sheet.append("</sheetData>").toString()).write(dir.resolve("closed.xlsx"));
        try (ImportFile read = open(file)) {
            assertThat(read.next().cell(LASTNAME)).isEqualTo("Durand2");
            assertThat(threadsOf("closed.xlsx")).isNotEmpty();
        }
        assertThat(threadsOf("closed.xlsx")).isEmpty();
    }

    private static List<String> threadsOf(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.endsWith(" " + name)).toList();
    }

    @Test
    void aSharedStringIndexNotInTheTableEndsTheFile() throws Exception {
        for (String index : new String[] {"1", "-1", "x", "", "99999999999"}) {
            Path file = RawXlsx.of("<si><t>Durand</t></si>", "<sheetData>" + RawXlsx.row(1, HEADER)
                    + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>" + index + "</v></c></row></sheetData>")
                    .write(dir.resolve("index.xlsx"));
            assertThatThrownBy(() -> readAll(file)).as(index).isInstanceOf(ImportFileException.class)
                    .hasMessageContaining("row 2").hasMessageContaining("shared string " + index + ",")
                    .extracting("code").isEqualTo("corrupt_file");
        }
    }

    @Test
    void sharedStringsRepeatedRowAfterRowAreTheSameText() throws Exception {
        // the table keeps the short strings it decoded by index: a slot taken over by another index is decoded again
        StringBuilder strings = new StringBuilder();
        StringBuilder sheet = new StringBuilder("<sheetData>" + RawXlsx.row(1, HEADER));
        int distinct = 3 * SharedStrings.CACHE_SLOTS;
        for (int i = 0; i < distinct; i++) {
            strings.append("<si><t>").append(i % 2 == 0 ? "name" + i : "x".repeat(70) + i).append("</t></si>");
        }
        for (int r = 0; r < 2 * distinct; r++) {
            int a = r % distinct;
            int b = (r * 7919) % distinct;
            sheet.append("<row r=\"").append(r + 2).append("\"><c r=\"A").append(r + 2).append("\" t=\"s\"><v>")
                    .append(a).append("</v></c><c r=\"N").append(r + 2).append("\" t=\"s\"><v>").append(b)
                    .append("</v></c></row>");
        }
        Path file = RawXlsx.of(strings.toString(), sheet.append("</sheetData>").toString())
                .write(dir.resolve("repeated.xlsx"));
        List<SheetRow> rows = readAll(file);
        assertThat(rows).hasSize(2 * distinct);
        for (int r = 0; r < rows.size(); r++) {
            int a = r % distinct;
            int b = (r * 7919) % distinct;
            assertThat(rows.get(r).cell(LASTNAME)).isEqualTo(a % 2 == 0 ? "name" + a : "x".repeat(70) + a);
            assertThat(rows.get(r).cell(BIOGRAPHY)).isEqualTo(b % 2 == 0 ? "name" + b : "x".repeat(70) + b);
        }
    }

    @Test
    void dataOnlyOnTheSecondSheetIsReadFromThere() throws Exception {
        Path file = RawXlsx.of(null, "<sheetData><row r=\"1\"/></sheetData>",
                "<sheetData>" + RawXlsx.row(1, HEADER) + RawXlsx.row(2, "Durand") + "</sheetData>",
                "<sheetData>" + RawXlsx.row(1, "ignored") + "</sheetData>").write(dir.resolve("second.xlsx"));
        assertThat(readAll(file)).singleElement().satisfies(r -> assertThat(r.values()).containsEntry(LASTNAME, "Durand"));
    }

    @Test
    void aSheetDeclaringTheMaximumDimensionWithOneFarCellAllocatesNothingForIt() throws Exception {
        Path file = RawXlsx.of(null, "<dimension ref=\"A1:XFD1048576\"/><sheetData>" + RawXlsx.row(1, HEADER)
                + RawXlsx.row(2, "Durand") + "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>far</t>"
                + "</is></c><c r=\"A1048576\" t=\"inlineStr\"><is><t>Last</t></is></c></row></sheetData>")
                .write(dir.resolve("far.xlsx"));
        List<SheetRow> rows = readAll(file);
        assertThat(rows).extracting(SheetRow::row).containsExactly(1L, 1048575L);
        assertThat(rows.get(1).values()).containsOnlyKeys(LASTNAME);
    }

    @Test
    void aHundredThousandCharacterCellIsRefusedForItsCell() throws Exception {
        Path file = RawXlsx.of(null, "<sheetData>" + RawXlsx.row(1, HEADER) + RawXlsx.row(2, "Durand", "Zoé", null,
                null, null, null, null, null, null, null, null, null, null, "y".repeat(100_000)) + "</sheetData>")
                .write(dir.resolve("long.xlsx"));
        SheetRow row = readAll(file).get(0);
        assertThat(row.problems()).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("cell_too_long"));
        assertThat(row.values()).containsOnlyKeys(LASTNAME, FIRSTNAME);
    }

    @Test
    void aTextOfManyMegabytesIsCutWhileReadSoOnlyItsCellIsRefused() throws Exception {
        // Random letters: they do not compress like a zip bomb, so only the text bound stops them.
        String runs = "<r><t>" + letters(700_000) + "</t></r>";
        Path file = RawXlsx.of("<si>" + runs + runs + runs + "</si>", "<sheetData>" + RawXlsx.row(1, HEADER)
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>Zoé</t></is></c>"
                + "<c r=\"N2\" t=\"inlineStr\"><is><t>" + letters(3_000_000) + "</t></is></c></row></sheetData>")
                .write(dir.resolve("huge.xlsx"));
        SheetRow row = readAll(file).get(0);
        assertThat(row.problems()).extracting(CellProblem::column).containsExactlyInAnyOrder(LASTNAME, BIOGRAPHY);
        assertThat(row.problems()).allSatisfy(p -> {
            assertThat(p.code()).isEqualTo("cell_too_long");
            assertThat(p.value()).hasSizeLessThan(300);
        });
        assertThat(row.values()).containsOnlyKeys(FIRSTNAME);
    }

    @Test
    void aTextOverFourMegabytesEndsTheFileBeforeTheParserHoldsIt() throws Exception {
        // Aalto builds a text node whole: TextRunGuard stops the part before that text is in memory
        Path file = RawXlsx.of(null, "<sheetData>" + RawXlsx.row(1, HEADER) + "<row r=\"2\"><c r=\"N2\""
                + " t=\"inlineStr\"><is><t>" + letters(TextRunGuard.MAX_RUN + 1) + "</t></is></c></row></sheetData>")
                .write(dir.resolve("hostile-text.xlsx"));
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(ImportFileException.class)
                .extracting("code").isEqualTo("text_too_long");
    }

    private static String letters(int count) {
        java.util.Random random = new java.util.Random(count);
        char[] letters = new char[count];
        for (int i = 0; i < count; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }

    @Test
    void headerOnlyAndMissingColumnsAreRefused() throws Exception {
        Path headerOnly = RawXlsx.of(null, "<sheetData>" + RawXlsx.row(1, HEADER) + "</sheetData>")
                .write(dir.resolve("h.xlsx"));
        assertThatThrownBy(() -> open(headerOnly)).extracting("code").isEqualTo("no_rows");
        Path missing = RawXlsx.of(null, "<sheetData>" + RawXlsx.row(1, "LASTNAME", "FIRSTNAME")
                + RawXlsx.row(2, "a", "b") + "</sheetData>").write(dir.resolve("m.xlsx"));
        assertThatThrownBy(() -> open(missing)).hasMessageContaining("EMAIL").extracting("code")
                .isEqualTo("missing_column");
        Path empty = RawXlsx.of(null, "<sheetData/>").write(dir.resolve("e.xlsx"));
        assertThatThrownBy(() -> open(empty)).extracting("code").isEqualTo("empty_file");
    }

    static final String XXE = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
    static final String LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
            + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
            + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>";

    @ParameterizedTest
    @ValueSource(strings = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
        "[Content_Types].xml", "xl/styles.xml"})
    void externalEntitiesAreRefusedInAnyPart(String part) throws Exception {
        assertHostile(part, XXE, "&xxe;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
        "[Content_Types].xml", "xl/styles.xml"})
    void entityExpansionIsRefusedInAnyPart(String part) throws Exception {
        assertHostile(part, LAUGHS, "&g;");
    }

    private void assertHostile(String part, String prolog, String reference) throws Exception {
        RawXlsx x = RawXlsx.of("<si><t>LASTNAME</t></si>", "<sheetData>" + RawXlsx.row(1, HEADER)
                + RawXlsx.row(2, "Durand") + "</sheetData>");
        x.put("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"" + RawXlsx.NS + "\"><cellXfs count=\"1\">"
                + "<xf numFmtId=\"0\"/></cellXfs></styleSheet>");
        x.put("[Content_Types].xml", x.parts.get("[Content_Types].xml").replace("</Types>",
                "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                        + "spreadsheetml.styles+xml\"/></Types>"));
        x.put("xl/_rels/workbook.xml.rels", x.parts.get("xl/_rels/workbook.xml.rels").replace("</Relationships>",
                "<Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                        + "styles\" Target=\"styles.xml\"/></Relationships>"));
        String content = x.parts.get(part).replaceFirst("<\\?xml[^>]*\\?>", "");
        int firstClose = content.indexOf('>', content.indexOf('<') + 1);
        content = prolog + content.substring(0, firstClose + 1) + "<!-- " + "-->" + reference.replace("&", "&")
                + content.substring(firstClose + 1);
        x.put(part, content);
        Path file = x.write(dir.resolve("hostile.xlsx"));
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(ImportFileException.class)
                .satisfies(e -> assertThat(((ImportFileException) e).code()).isEqualTo("unsafe_xml"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:"));
    }

    @Test
    void aZipBombIsRefused() throws Exception {
        Path file = dir.resolve("bomb.xlsx");
        RawXlsx x = RawXlsx.of(null, "<sheetData>" + RawXlsx.row(1, HEADER) + RawXlsx.row(2, "Durand") + "</sheetData>");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var part : x.parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                String content = part.getValue();
                if (part.getKey().endsWith("sheet1.xml")) {
                    int at = content.indexOf("<sheetData>");
                    zip.write(content.substring(0, at).getBytes());
                    byte[] blanks = new byte[1 << 20];
                    Arrays.fill(blanks, (byte) ' ');
                    for (int i = 0; i < 200; i++) {
                        zip.write(blanks);
                    }
                    zip.write(content.substring(at).getBytes());
                } else {
                    zip.write(content.getBytes());
                }
                zip.closeEntry();
            }
        }
        assertThat(Files.size(file)).isLessThan(1 << 20);
        assertThatThrownBy(() -> readAll(file)).extracting("code").isEqualTo("zip_bomb");
    }

    @Test
    void aTruncatedOrCorruptZipIsRefused() throws Exception {
        Path whole = typedCells(new XSSFWorkbook(), "whole.xlsx");
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.xlsx"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> readAll(truncated)).extracting("code").isEqualTo("corrupt_file");
        byte[] damaged = bytes.clone();
        for (int i = 200; i < damaged.length / 2; i += 7) {
            damaged[i] ^= 0x5A;
        }
        Path corrupt = Files.write(dir.resolve("corrupt.xlsx"), damaged);
        assertThatThrownBy(() -> readAll(corrupt)).isInstanceOf(ImportFileException.class)
                .extracting("code").isIn("corrupt_file", "unsafe_xml");
    }

    private ImportFile open(Path file) throws ImportFileException {
        return files.open(file, file.getFileName().toString(), AccountTemplate.USERS, ImportLimits.defaults());
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
