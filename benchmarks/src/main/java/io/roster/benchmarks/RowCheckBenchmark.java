package io.roster.benchmarks;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.Application;
import io.roster.contracts.account.TemplateColumn;
import io.roster.contracts.account.WorkspaceRules;
import io.roster.importer.file.DefaultImportFiles;
import io.roster.importer.file.ImportFile;
import io.roster.importer.file.ImportLimits;
import io.roster.importer.file.SheetRow;
import io.roster.importer.rows.ImportRows;
import io.roster.importer.validation.RowValidator;
import io.roster.importer.validation.RowVerdict;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * A dry run's per-row work without the service around it (issue 19): the CPU one thread spends, per row, opening a
 * Users file (a CSV's encoding and quote scan; an XLSX's package, styles and shared-strings table), reading its rows,
 * checking them ({@link RowValidator}: the template's conversion and AccountValidator, PHONE included) and encoding a
 * dry run's chunk — the work READING spreads over the job's thread and the checking pool. CPU time of the thread, not
 * wall time, so that a loaded machine changes it less; the last pass is reported (the earlier ones warm the JIT up).
 *
 * <p>Arguments: rows (200000), passes (6), a directory to keep (and reuse) the file in, the kind of file ({@code csv},
 * {@code inline} or {@code shared}: ImportBenchmark's kinds and file names, so its files are reused). Prints
 * {@code name=value unit}.
 */
public final class RowCheckBenchmark {

    private RowCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Path dir = args.length > 2 ? Files.createDirectories(Path.of(args[2]))
                : Files.createTempDirectory("roster-row-check");
        String kind = args.length > 3 ? args[3] : "csv";
        Path path = switch (kind) {
            case "csv" -> dir.resolve("users-" + rows + ".csv");
            case "inline", "shared" -> dir.resolve("users-" + rows + "-" + kind + ".xlsx");
            default -> throw new IllegalArgumentException("kind " + kind + ": csv, inline or shared");
        };
        if (!Files.exists(path)) {
            if (kind.equals("csv")) {
                ImportFileBenchmark.writeCsv(path, rows, ImportFileBenchmark::value);
            } else {
                ImportFileBenchmark.writeXlsx(path, rows, kind.equals("shared"), ImportBenchmark::value);
            }
        }
        WorkspaceRules rules = new WorkspaceRules(EnumSet.allOf(Application.class), ZoneId.of("Europe/Paris"),
                Instant.now());
        TemplateColumn[] columns = AccountTemplate.USERS.columns().toArray(new TemplateColumn[0]);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        UUID job = UUID.randomUUID();
        double open = 0;
        double read = 0;
        double check = 0;
        double encode = 0;
        double readProcess = 0;
        com.sun.management.OperatingSystemMXBean process =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long valid = 0;
        for (int pass = 0; pass < passes; pass++) {
            long start = cpu.getCurrentThreadCpuTime();
            long readNanos = 0;
            long checkNanos = 0;
            long encodeNanos = 0;
            long readProcessNanos = 0;
            long count = 0;
            valid = 0;
            try (ImportFile file = new DefaultImportFiles().open(path, path.getFileName().toString(),
                    AccountTemplate.USERS, ImportLimits.defaults())) {
                long opened = cpu.getCurrentThreadCpuTime();
                open = (opened - start) / 1e6;
                List<SheetRow> chunk = new ArrayList<>(1000);
                boolean end = false;
                while (!end) {
                    long a = cpu.getCurrentThreadCpuTime();
                    long pa = process.getProcessCpuTime();
                    chunk.clear();
                    while (chunk.size() < 1000) {
                        SheetRow row = file.next();
                        if (row == null) {
                            end = true;
                            break;
                        }
                        chunk.add(row);
                    }
                    long b = cpu.getCurrentThreadCpuTime();
                    readProcessNanos += process.getProcessCpuTime() - pa;
                    List<RowVerdict> verdicts = new ArrayList<>(chunk.size());
                    for (SheetRow row : chunk) {
                        verdicts.add(RowValidator.check(AccountTemplate.USERS, row, rules));
                    }
                    long c = cpu.getCurrentThreadCpuTime();
                    valid += ImportRows.encode(job, columns, verdicts, ImportRows.KeptCells.INVALID_ROWS).valid();
                    long d = cpu.getCurrentThreadCpuTime();
                    readNanos += b - a;
                    checkNanos += c - b;
                    encodeNanos += d - c;
                    count += chunk.size();
                }
            }
            read = readNanos / 1e3 / count;
            readProcess = readProcessNanos / 1e3 / count;
            check = checkNanos / 1e3 / count;
            encode = encodeNanos / 1e3 / count;
        }
        System.out.printf("row_check.rows=%d rows (%d valid), %s%n", rows, valid, path.getFileName());
        System.out.printf("row_check.open_cpu=%.0f ms (%s)%n", open, kind.equals("csv")
                ? "the file's encoding and quote scan" : "the package, its styles and shared strings, the header");
        System.out.printf("row_check.read_cpu_per_row=%.2f us (%s)%n", read, kind.equals("csv")
                ? "FastCSV, cells collected" : "the sheet's XML, cells decoded and collected");
        System.out.printf("row_check.read_process_cpu_per_row=%.2f us (the process while reading: an XLSX's inflating"
                + " thread, GC and JIT too)%n", readProcess);
        System.out.printf("row_check.check_cpu_per_row=%.2f us%n", check);
        System.out.printf("row_check.encode_cpu_per_row=%.2f us%n", encode);
        System.out.printf("row_check.rows_per_cpu_second=%,.0f rows/s (read, check and encode on one thread)%n",
                1e6 / (read + check + encode));
    }
}
