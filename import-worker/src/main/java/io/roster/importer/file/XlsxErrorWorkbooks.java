package io.roster.importer.file;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The error workbook, streamed with SXSSF (a window of rows in memory, the rest flushed to a compressed temporary
 * file): the template's header, the failed rows with their original values as text, each bad cell filled red, and
 * a last {@value HeaderMatcher#ERRORS_COLUMN} column with every message of the row (ImportFiles ignores that column
 * silently, so the fixed workbook imports as it is).
 *
 * <p>A cell comment is not streamed by POI: every comment stays in memory (its VML shape and text) until the
 * workbook is written. The first {@link #MAX_COMMENTS} bad cells get one; beyond, the red fill and the ERRORS
 * column still say what is wrong, so memory stays bounded whatever the number of failed rows.
 */
@Component
public class XlsxErrorWorkbooks implements ErrorWorkbooks {

    /** Bounds the comments kept in memory (see the class comment and docs/benchmarks.md). */
    public static final int MAX_COMMENTS = 1_000;
    private static final int WINDOW = 200;

    private final int maxComments;

    public XlsxErrorWorkbooks() {
        this(MAX_COMMENTS);
    }

    public XlsxErrorWorkbooks(int maxComments) {
        this.maxComments = maxComments;
    }

    @Override
    public void write(AccountTemplate template, Iterator<FailedRow> rows, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(true);
        try {
            List<TemplateColumn> columns = template.columns();
            Map<TemplateColumn, Integer> positions = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                positions.put(columns.get(i), i);
            }
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            CellStyle bad = workbook.createCellStyle();
            bad.cloneStyleFrom(text);
            bad.setFillForegroundColor(IndexedColors.RED.getIndex());
            bad.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle header = workbook.createCellStyle();
            header.cloneStyleFrom(text);
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);

            SXSSFSheet sheet = workbook.createSheet(template == AccountTemplate.USERS ? "Users" : "Contacts");
            SXSSFRow top = sheet.createRow(0);
            for (int i = 0; i <= columns.size(); i++) {
                sheet.setDefaultColumnStyle(i, text);
                sheet.setColumnWidth(i, 22 * 256);
                String title = i < columns.size() ? headerOf(columns.get(i)) : HeaderMatcher.ERRORS_COLUMN;
                SXSSFCell cell = top.createCell(i);
                cell.setCellValue(title);
                cell.setCellStyle(header);
            }
            sheet.setColumnWidth(columns.size(), 80 * 256);
            sheet.createFreezePane(0, 1);
            Drawing<?> drawing = sheet.createDrawingPatriarch();
            CreationHelper helper = workbook.getCreationHelper();
            int comments = 0;
            int r = 1;
            while (rows.hasNext()) {
                FailedRow failed = rows.next();
                Row row = sheet.createRow(r);
                for (Map.Entry<TemplateColumn, String> value : failed.values().entrySet()) {
                    Integer position = positions.get(value.getKey());
                    if (position != null && value.getValue() != null) {
                        row.createCell(position).setCellValue(value.getValue());
                    }
                }
                Map<Integer, List<FailedRow.RowError>> byCell = failed.errors().stream()
                        .filter(e -> e.column() != null && positions.containsKey(e.column()))
                        .collect(Collectors.groupingBy(e -> positions.get(e.column())));
                for (Map.Entry<Integer, List<FailedRow.RowError>> cellErrors : byCell.entrySet()) {
                    int position = cellErrors.getKey();
                    var cell = row.getCell(position) != null ? row.getCell(position) : row.createCell(position);
                    cell.setCellStyle(bad);
                    if (comments < maxComments) {
                        ClientAnchor anchor = helper.createClientAnchor();
                        anchor.setCol1(position);
                        anchor.setCol2(position + 3);
                        anchor.setRow1(r);
                        anchor.setRow2(r + 3);
                        Comment comment = drawing.createCellComment(anchor);
                        comment.setString(helper.createRichTextString(cellErrors.getValue().stream()
                                .map(FailedRow.RowError::message).collect(Collectors.joining("\n"))));
                        cell.setCellComment(comment);
                        comments++;
                    }
                }
                row.createCell(columns.size()).setCellValue(errorsText(failed));
                r++;
            }
            workbook.write(out);
        } finally {
            // Closing also deletes the temporary files (POI 5.4+: dispose is part of close).
            workbook.close();
        }
    }

    private static String headerOf(TemplateColumn column) {
        return column.markedRequired() ? column.key() + "*" : column.key();
    }

    /** Every message of the row, each naming its column: "row 12: EMAIL: must be an e-mail address; ...". */
    private static String errorsText(FailedRow failed) {
        String text = "row " + failed.row() + ": " + failed.errors().stream()
                .map(e -> (e.column() == null ? "" : e.column().key() + ": ") + e.message())
                .collect(Collectors.joining("; "));
        // A cell holds at most 32,767 characters.
        return text.length() > 32_000 ? text.substring(0, 32_000) + "…" : text;
    }
}
