package io.roster.importer.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an XLSX package entry by entry, for the shapes POI never writes (parts in odd order, hostile XML). Public
 * for the jobs' ITs.
 */
public final class RawXlsx {

    static final String NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    static final String R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    final Map<String, String> parts = new LinkedHashMap<>();

    /** A workbook of the given sheets' XML bodies ({@code <sheetData>...}), with shared strings when given. */
    public static RawXlsx of(String sharedStrings, String... sheets) {
        RawXlsx x = new RawXlsx();
        StringBuilder types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        StringBuilder workbook = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + NS
                + "\" xmlns:r=\"" + R_NS + "\"><sheets>");
        StringBuilder rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 1; i <= sheets.length; i++) {
            types.append("<Override PartName=\"/xl/worksheets/sheet").append(i).append(".xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            workbook.append("<sheet name=\"Sheet").append(i).append("\" sheetId=\"").append(i).append("\" r:id=\"rId")
                    .append(i).append("\"/>");
            rels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet").append(i)
                    .append(".xml\"/>");
        }
        if (sharedStrings != null) {
            types.append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.sharedStrings+xml\"/>");
            rels.append("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        }
        x.parts.put("[Content_Types].xml", types.append("</Types>").toString());
        x.parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        x.parts.put("xl/workbook.xml", workbook.append("</sheets></workbook>").toString());
        x.parts.put("xl/_rels/workbook.xml.rels", rels.append("</Relationships>").toString());
        for (int i = 1; i <= sheets.length; i++) {
            x.parts.put("xl/worksheets/sheet" + i + ".xml", sheet(sheets[i - 1]));
        }
        if (sharedStrings != null) {
            x.parts.put("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + NS + "\">"
                    + sharedStrings + "</sst>");
        }
        return x;
    }

    static String sheet(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + NS + "\">" + body + "</worksheet>";
    }

    /** A row of inline-string cells from column A. */
    public static String row(int r, String... cells) {
        StringBuilder row = new StringBuilder("<row r=\"" + r + "\">");
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null) {
                row.append("<c r=\"").append(CellText.columnLetters(i)).append(r).append("\" t=\"inlineStr\"><is><t>")
                        .append(cells[i]).append("</t></is></c>");
            }
        }
        return row.append("</row>").toString();
    }

    public RawXlsx put(String name, String content) {
        parts.put(name, content);
        return this;
    }

    /** Moves a part to the end of the zip. */
    RawXlsx last(String name) {
        String content = parts.remove(name);
        parts.put(name, content);
        return this;
    }

    Path write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
        return file;
    }

    /** The package's bytes. */
    public byte[] bytes() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    private void write(OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
