package io.roster.importer.template;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The XLSX template: a first sheet with the columns (required ones marked {@code *}) and the example rows, a
 * drop-down on every column whose values are enumerated, every cell formatted as text (so that Excel keeps a zip
 * code's leading zero and a date typed dd/mm/yyyy/hh:mm as typed); a second sheet explaining each column.
 */
final class TemplateWorkbook {

    static final String HELP_SHEET = "Help";
    private static final int WIDTH = 22 * 256;

    private TemplateWorkbook() {
    }

    static byte[] write(TemplateText text) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            List<TemplateColumn> columns = text.template().columns();
            CellStyle textStyle = workbook.createCellStyle();
            textStyle.setDataFormat(workbook.createDataFormat().getFormat("@"));
            CellStyle headerStyle = workbook.createCellStyle();
            headerStyle.cloneStyleFrom(textStyle);
            Font bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            headerStyle.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            headerStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);

            Sheet sheet = workbook.createSheet(sheetName(text.template()));
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                sheet.setDefaultColumnStyle(i, textStyle);
                sheet.setColumnWidth(i, WIDTH);
                header.createCell(i).setCellValue(TemplateText.header(columns.get(i)));
                header.getCell(i).setCellStyle(headerStyle);
            }
            int r = 1;
            for (Map<TemplateColumn, String> example : text.examples()) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < columns.size(); i++) {
                    String value = example.get(columns.get(i));
                    if (value != null) {
                        row.createCell(i).setCellValue(value);
                        row.getCell(i).setCellStyle(textStyle);
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            dropDowns(sheet, columns);
            help(workbook, text, headerStyle);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sheetName(AccountTemplate template) {
        return template == AccountTemplate.USERS ? "Users" : "Contacts";
    }

    private static void dropDowns(Sheet sheet, List<TemplateColumn> columns) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        int lastRow = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
        for (int i = 0; i < columns.size(); i++) {
            List<String> allowed = columns.get(i).allowedValues();
            if (allowed.isEmpty()) {
                continue;
            }
            DataValidationConstraint list = helper.createExplicitListConstraint(allowed.toArray(String[]::new));
            DataValidation validation = helper.createValidation(list, new CellRangeAddressList(1, lastRow, i, i));
            // POI's XSSF flag is inverted: true shows the in-cell drop-down arrow.
            validation.setSuppressDropDownArrow(true);
            validation.setEmptyCellAllowed(true);
            validation.setShowErrorBox(true);
            validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
            validation.createErrorBox(columns.get(i).key(), "Choose one of: " + String.join(", ", allowed));
            sheet.addValidationData(validation);
        }
    }

    private static void help(XSSFWorkbook workbook, TemplateText text, CellStyle headerStyle) {
        Sheet help = workbook.createSheet(HELP_SHEET);
        CellStyle wrap = workbook.createCellStyle();
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        Row header = help.createRow(0);
        header.createCell(0).setCellValue("Key");
        header.createCell(1).setCellValue("Explanation");
        header.getCell(0).setCellStyle(headerStyle);
        header.getCell(1).setCellStyle(headerStyle);
        help.setColumnWidth(0, WIDTH);
        help.setColumnWidth(1, 100 * 256);
        int r = 1;
        for (Map.Entry<TemplateColumn, String> explanation : text.explanations().entrySet()) {
            Row row = help.createRow(r++);
            row.createCell(0).setCellValue(TemplateText.header(explanation.getKey()));
            row.createCell(1).setCellValue(explanation.getValue());
            row.getCell(0).setCellStyle(wrap);
            row.getCell(1).setCellStyle(wrap);
        }
    }
}
