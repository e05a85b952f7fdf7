package io.roster.benchmarks;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import io.roster.contracts.account.UserTemplateColumn;
import io.roster.importer.file.DefaultImportFiles;
import io.roster.importer.file.FailedRow;
import io.roster.importer.file.ImportFile;
import io.roster.importer.file.ImportLimits;
import io.roster.importer.file.SheetRow;
import io.roster.importer.file.XlsxErrorWorkbooks;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

/**
 * Reading import files (issue 19): generates 1,000,000-row Users files of 22 columns with unique EMAIL, LOGIN and
 * ADDRESS — CSV, an XLSX of inline strings (as SXSSF and LibreOffice write), an XLSX of shared strings (as Excel
 * writes: 3 M distinct strings) — then reads each in a JVM of its own at {@code -Xmx256m}: first the ceiling (a plain
 * FastCSV read of the CSV, a plain StAX pass over each sheet's XML without looking a string up), then through
 * ImportFiles as an import does. Each read runs twice in its JVM and the second pass is reported; peak heap covers
 * both. Last, writing an error workbook of 100,000 failed rows, with its comments bounded and with one per row.
 *
 * <p>Arguments: rows (1000000), passes (2), a directory to keep the files in (none). Prints {@code name=value unit} lines.
 */
public final class ImportFileBenchmark {

    static final List<TemplateColumn> COLUMNS = AccountTemplate.USERS.columns().stream()
            .filter(c -> c != UserTemplateColumn.CREATION_DATE && c != UserTemplateColumn.EXPIRATION_MODE
                    && c != UserTemplateColumn.RESTRICTED_RIGHTS).toList();
    private static final String[] LAST = {"Durand", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
        "Petit", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand"};
    private static final String[] FIRST = {"Zoé", "Léo", "Anna", "Hugo", "Emma", "Louis", "Jade", "Gabriel",
        "Louise", "Arthur", "Alice", "Jules", "Chloé", "Adam", "Lina"};
    private static final String[] LANGUAGES = {"en", "fr", "de", "nl", "es", "it", "pt-br", "zh-cn", "ja", "th"};
    private static final String[] DEPARTMENTS = {"Finance", "Sales", "Legal", "Research", "Support", "IT", "HR"};
    private static final String[] CITIES = {"Paris", "Lyon", "Marseille", "Bordeaux", "Lille", "Nantes", "Nice"};

    private ImportFileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args);
            return;
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        // A third argument keeps the files in that directory (and reuses them when there): for comparing runs.
        Path kept = args.length > 2 ? Path.of(args[2]) : null;
        Path dir = kept != null ? Files.createDirectories(kept) : Files.createTempDirectory("roster-import-bench");
        try {
            Path csv = dir.resolve("users.csv");
            Path inline = dir.resolve("users-inline.xlsx");
            Path shared = dir.resolve("users-shared.xlsx");
            long start = System.nanoTime();
            if (!Files.exists(shared)) {
                writeCsv(csv, rows, ImportFileBenchmark::value);
                writeXlsx(inline, rows, false, ImportFileBenchmark::value);
                writeXlsx(shared, rows, true, ImportFileBenchmark::value);
            }
            System.out.printf("files.generated_seconds=%.1f s (rows=%d, csv=%d MB, inline xlsx=%d MB, shared xlsx=%d MB)%n",
                    (System.nanoTime() - start) / 1e9, rows, Files.size(csv) >> 20, Files.size(inline) >> 20,
                    Files.size(shared) >> 20);
            run("baseline.fastcsv_read", csv, passes);
            run("roster.import_files_csv", csv, passes);
            run("baseline.stax_sheet_inline_xlsx", inline, passes);
            run("baseline.jdk_stax_sheet_inline_xlsx", inline, passes);
            run("roster.import_files_inline_xlsx", inline, passes);
            run("baseline.stax_sheet_shared_xlsx", shared, passes);
            run("baseline.jdk_stax_sheet_shared_xlsx", shared, passes);
            run("roster.import_files_shared_xlsx", shared, passes);
            for (int comments : new int[] {0, XlsxErrorWorkbooks.MAX_COMMENTS, 10_000, 100_000}) {
                run("roster.error_workbook_100k_rows_" + comments + "_comments", dir.resolve("errors.xlsx"), 1);
            }
        } finally {
            if (kept != null) {
                return;
            }
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Runs one measurement in a JVM of its own at -Xmx256m, so that its heap is the import worker's budget. Only
     * those whose name matches {@code -Droster.bench.only} (a regular expression; all by default) run, and
     * {@code -Droster.bench.jfr=DIR} records each in DIR/NAME.jfr (Flight Recorder's profile settings).
     */
    private static void run(String name, Path file, int passes) throws Exception {
        if (!name.matches(System.getProperty("roster.bench.only", ".*"))) {
            return;
        }
        String jfr = System.getProperty("roster.bench.jfr");
        List<String> jvm = jfr == null ? List.of("-Xmx256m") : List.of("-Xmx256m",
                "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr, name + ".jfr"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvm);
        command.addAll(List.of("-cp", classpath(), ImportFileBenchmark.class.getName(), "--child", name,
                file.toString(), String.valueOf(passes)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        output.lines().filter(l -> l.contains("=")).forEach(System.out::println);
        if (status != 0) {
            boolean oom = output.contains("OutOfMemoryError");
            System.out.println(name + ".failed=" + (oom ? "OutOfMemoryError at -Xmx256m" : "exit " + status));
            if (!oom) {
                System.out.println(output.lines().limit(20).collect(Collectors.joining("\n")));
            }
        }
    }

    static String classpath() {
        ClassLoader loader = ImportFileBenchmark.class.getClassLoader();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                entries.add(new File(url.getPath()).getPath());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static void child(String[] args) throws Exception {
        String name = args[1];
        Path file = Path.of(args[2]);
        int passes = Integer.parseInt(args[3]);
        long rows = 0;
        double seconds = 0;
        AfterGc afterGc = new AfterGc();
        double cpuSeconds = 0;
        var threads = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            rows = switch (name) {
                case "baseline.fastcsv_read" -> fastCsv(file);
                case "baseline.stax_sheet_inline_xlsx", "baseline.stax_sheet_shared_xlsx" -> staxSheet(file);
                // the JDK's own parser (what import-worker read with before Aalto), for comparison in the same run
                case "baseline.jdk_stax_sheet_inline_xlsx", "baseline.jdk_stax_sheet_shared_xlsx" ->
                        staxSheet(file, XMLInputFactory.newDefaultFactory());
                default -> name.startsWith("roster.error_workbook") ? errorWorkbook(file,
                        Integer.parseInt(name.replaceAll(".*rows_(\\d+)_comments", "$1"))) : importFiles(file);
            };
            seconds = (System.nanoTime() - start) / 1e9;
            cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s=%,.0f rows/s%n", name, rows / seconds);
        System.out.printf("%s.seconds=%.2f s (%d rows)%n", name, seconds, rows);
        // On a shared machine wall time measures the neighbours too: the reading thread's own CPU time does not.
        System.out.printf("%s.per_cpu_second=%,.0f rows/s (reading thread's CPU time %.2f s)%n", name,
                rows / cpuSeconds, cpuSeconds);
        System.out.printf("%s.peak_heap=%d MB (heap pools' peak, garbage included)%n", name, peak >> 20);
        System.out.printf("%s.peak_heap_after_gc=%s%n", name, afterGc.describe());
    }

    /**
     * The largest heap occupancy right after a garbage collection, from the collectors' notifications: after any
     * collection ({@link #max}), and after full ones alone ({@link #maxAfterFull}). A young collection leaves the old
     * generation's garbage in place until the next full one, so under the serial collector the first can approach the
     * heap's size however small the live set; the second is the live set, when a full collection ran.
     */
    static final class AfterGc {

        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong maxAfterFull = new java.util.concurrent.atomic.AtomicLong();

        AfterGc() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> !e.getKey().contains("Metaspace") && !e.getKey().contains("Code")
                                    && !e.getKey().contains("Compressed"))
                            .mapToLong(e -> e.getValue().getUsed()).sum();
                    max.accumulateAndGet(used, Math::max);
                    // "end of major GC": the serial and parallel collectors' old-generation collections, G1's full
                    if (info.getGcAction().contains("major")) {
                        maxAfterFull.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }

        long max() {
            return max.get();
        }

        /** 0 when no full collection ran. */
        long maxAfterFull() {
            return maxAfterFull.get();
        }

        String describe() {
            return (max() >> 20) + " MB (the most the heap held after any collection, the old generation's garbage"
                    + " included); after full collections " + (maxAfterFull() == 0 ? "none ran"
                    : (maxAfterFull() >> 20) + " MB (the live set)");
        }

        void reset() {
            max.set(0);
            maxAfterFull.set(0);
        }
    }

    static long fastCsv(Path file) throws IOException {
        long rows = 0;
        long chars = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord record : csv) {
                rows++;
                chars += record.getField(2).length();
            }
        }
        return chars > 0 ? rows - 1 : 0;
    }

    /** The ceiling: a plain pass over the sheet's XML with the StAX parser import-worker reads it with (Aalto). */
    static long staxSheet(Path file) throws Exception {
        return staxSheet(file, new com.fasterxml.aalto.stax.InputFactoryImpl());
    }

    static long staxSheet(Path file, XMLInputFactory factory) throws Exception {
        long rows = 0;
        try (ZipFile zip = new ZipFile(file.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))) {
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("row")) {
                    rows++;
                }
            }
        }
        return rows - 1;
    }

    private static long importFiles(Path file) throws Exception {
        long rows = 0;
        long cells = 0;
        try (ImportFile in = new DefaultImportFiles().open(file, file.getFileName().toString(), AccountTemplate.USERS,
                ImportLimits.defaults())) {
            for (SheetRow row = in.next(); row != null; row = in.next()) {
                rows++;
                cells += row.values().size();
            }
        }
        if (cells != rows * (COLUMNS.size() - 1)) {
            throw new IllegalStateException("read " + cells + " cells in " + rows + " rows");
        }
        return rows;
    }

    private static long errorWorkbook(Path file, int maxComments) throws IOException {
        int count = 100_000;
        Iterator<FailedRow> rows = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public FailedRow next() {
                i++;
                Map<TemplateColumn, String> values = new java.util.HashMap<>();
                for (TemplateColumn column : COLUMNS) {
                    String value = value(column, i);
                    if (!value.isEmpty()) {
                        values.put(column, value);
                    }
                }
                return new FailedRow(i, values, List.of(
                        new FailedRow.RowError(UserTemplateColumn.EMAIL, "duplicate", "this e-mail address is already"
                                + " in row " + (i - 1) + " of the file: use another one"),
                        new FailedRow.RowError(UserTemplateColumn.SAVE_SPACE_MAX, "too_small", "must be at least"
                                + " 1 GB when Save is enabled")));
            }
        };
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            new XlsxErrorWorkbooks(maxComments).write(AccountTemplate.USERS, rows, out);
        }
        return count;
    }

    /** The cell of a column in row i (1-based), as an admin would have typed it; BIOGRAPHY left blank. */
    static String value(TemplateColumn column, int i) {
        return switch ((UserTemplateColumn) column) {
            case LASTNAME -> LAST[i % LAST.length];
            case FIRSTNAME -> FIRST[i % FIRST.length];
            case EMAIL -> "user" + i + "@example.com";
            case STATUS -> "ACTIVE";
            case LOGIN -> "user." + i;
            case MAIL_LANGUAGE -> LANGUAGES[i % LANGUAGES.length];
            case SHARE_SPACE_MAX -> "10 GB";
            case SAVE_SPACE_MAX -> "5 GB";
            case VISIBILITY_SCOPE -> "PUBLIC";
            case MODIFICATION_PREVENTION -> "NO";
            case COMPANY -> "Example Corp";
            case COMPANY_DEPARTMENT, FUNCTION -> DEPARTMENTS[i % DEPARTMENTS.length];
            case TFA -> "NONE";
            case CITY -> CITIES[i % CITIES.length];
            case ADDRESS -> i + " rue de la Paix";
            case ZIPCODE -> String.valueOf(75000 + i % 100);
            case COUNTRY -> "France";
            case PHONE -> "+33 6 12 34 " + String.format("%02d %02d", (i / 100) % 100, i % 100);
            case SUSPENSION_DATE -> "31/12/2099/18:00";
            case CREATION_NOTIFICATION -> "YES";
            default -> "";
        };
    }

    /** The cell of a column in a row, given the column and the 1-based row. */
    interface Cells {
        String value(TemplateColumn column, int row);
    }

    static void writeCsv(Path file, int rows, Cells cells) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CsvWriter csv = CsvWriter.builder().build(out)) {
            csv.writeRecord(COLUMNS.stream().map(c -> c.key() + (c.markedRequired() ? "*" : "")).toList());
            String[] record = new String[COLUMNS.size()];
            for (int i = 1; i <= rows; i++) {
                for (int c = 0; c < record.length; c++) {
                    record[c] = cells.value(COLUMNS.get(c), i);
                }
                csv.writeRecord(record);
            }
        }
    }

    /**
     * Writes the package entry by entry (POI's writers take minutes for a million rows): ZIPCODE as a number cell,
     * the rest as strings, inline or from a shared-strings table stored after the sheet as Excel does not (the
     * harder order for a reader that streams the zip).
     */
    static void writeXlsx(Path file, int rows, boolean sharedStrings, Cells cells) throws IOException {
        Map<String, Integer> repeated = new java.util.LinkedHashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\""
                    + "application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                    + "ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\""
                    + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override "
                    + "PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.worksheet+xml\"/>" + (sharedStrings ? "<Override PartName=\""
                    + "/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                    + "spreadsheetml.sharedStrings+xml\"/>" : "") + "</Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas"
                    + ".openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
                    + "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\""
                    + "xl/workbook.xml\"/></Relationships>");
            entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas"
                    + ".openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships\"><sheets><sheet name=\"Users\" sheetId=\"1\" r:id=\"rId1\"/>"
                    + "</sheets></workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns="
                    + "\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                    + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target="
                    + "\"worksheets/sheet1.xml\"/>" + (sharedStrings ? "<Relationship Id=\"rId2\" Type=\"http://"
                    + "schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\""
                    + "sharedStrings.xml\"/>" : "") + "</Relationships>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer sheet = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
            sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><dimension ref=\"A1:V" + (rows + 1) + "\"/><sheetData>");
            for (int r = 0; r <= rows; r++) {
                StringBuilder row = new StringBuilder(2048).append("<row r=\"").append(r + 1).append("\">");
                for (int c = 0; c < COLUMNS.size(); c++) {
                    TemplateColumn column = COLUMNS.get(c);
                    String value = r == 0 ? column.key() + (column.markedRequired() ? "*" : "") : cells.value(column, r);
                    if (value.isEmpty()) {
                        continue;
                    }
                    String ref = (char) ('A' + c) + Integer.toString(r + 1);
                    if (r > 0 && column == UserTemplateColumn.ZIPCODE) {
                        row.append("<c r=\"").append(ref).append("\"><v>").append(value).append("</v></c>");
                    } else if (sharedStrings) {
                        // The distinct strings come first in the table (3 per row, known in advance), the repeated
                        // ones after them, so the table can be written after the sheet.
                        int distinct = r == 0 ? -1 : column == UserTemplateColumn.EMAIL ? 0
                                : column == UserTemplateColumn.LOGIN ? 1 : column == UserTemplateColumn.ADDRESS ? 2 : -1;
                        int index = distinct >= 0 ? 3 * (r - 1) + distinct
                                : 3 * rows + repeated.computeIfAbsent(value, v -> repeated.size());
                        row.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(index).append("</v></c>");
                    } else {
                        row.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(escape(value))
                                .append("</t></is></c>");
                    }
                }
                sheet.write(row.append("</row>").toString());
            }
            sheet.write("</sheetData></worksheet>");
            sheet.flush();
            zip.closeEntry();
            if (sharedStrings) {
                zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
                Writer sst = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
                sst.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/"
                        + "spreadsheetml/2006/main\" uniqueCount=\"" + (repeated.size() + 3 * rows) + "\">");
                for (int r = 1; r <= rows; r++) {
                    for (TemplateColumn column : List.of(UserTemplateColumn.EMAIL, UserTemplateColumn.LOGIN,
                            UserTemplateColumn.ADDRESS)) {
                        sst.write("<si><t>" + escape(cells.value(column, r)) + "</t></si>");
                    }
                }
                for (String value : repeated.keySet()) {
                    sst.write("<si><t>" + escape(value) + "</t></si>");
                }
                sst.write("</sst>");
                sst.flush();
                zip.closeEntry();
            }
        }
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
