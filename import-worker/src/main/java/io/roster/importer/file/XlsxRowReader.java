package io.roster.importer.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipFileZipEntrySource;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * An XLSX upload read as a stream of rows: POI opens the package (its ZipSecureFile refuses zip bombs: an entry
 * inflating over 100 times, or over its size limits) and finds the parts; each part is then read with StAX through
 * {@link XmlParts}. Why not a library's row reader: fastexcel-reader keeps the shared strings on the heap (225 of
 * 256 MB for 3 M strings) and POI's own streaming readers ran at 15-38k rows/s; StAX over the sheet with the
 * off-heap {@link SharedStrings} keeps the heap flat and decodes only the cells the template reads.
 *
 * <p>The rows read are those of the first sheet that holds anything: a workbook whose first sheet is empty (the
 * data pasted into "Sheet2") is read from its second; once a sheet had content, later sheets (the template's own
 * help sheet) are not read. Cells are taken by their reference; the sheet's declared dimension is never used, so a
 * sheet declaring A1:XFD1048576 with one far cell allocates nothing for it.
 */
final class XlsxRowReader implements RowReader {

    private final OPCPackage pkg;
    private final String name;
    private final SharedStrings strings;
    private final XlsxStyles styles;
    private final boolean date1904;
    private final XSSFReader.SheetIterator sheets;
    private final long fileSize;
    private CountingInputStream sheetIn;
    private XMLStreamReader2 xml;
    private final CellAttributes attributes = new CellAttributes();
    /** The cell's {@code <v>}, reused from cell to cell. */
    private final StringBuilder value = new StringBuilder();
    private long sheetSize;
    private boolean contentSeen;
    private boolean finished;
    private long lastRow;

    private XlsxRowReader(OPCPackage pkg, String name, SharedStrings strings, XlsxStyles styles, boolean date1904,
            XSSFReader.SheetIterator sheets, long fileSize) {
        this.pkg = pkg;
        this.name = name;
        this.strings = strings;
        this.styles = styles;
        this.date1904 = date1904;
        this.sheets = sheets;
        this.fileSize = fileSize;
    }

    static XlsxRowReader open(Path file, String name) throws ImportFileException {
        OPCPackage pkg = null;
        try {
            // Through ZipSecureFile directly: OPCPackage.open(File) falls back, on a damaged zip, to reading every
            // entry into memory from the local headers, which a hostile file could use to fill the heap.
            pkg = OPCPackage.open(new ZipFileZipEntrySource(new ZipSecureFile(file.toFile())));
            XSSFReader reader = new XSSFReader(pkg);
            boolean date1904;
            try (InputStream workbook = reader.getWorkbookData()) {
                date1904 = XlsxWorkbook.date1904(workbook);
            }
            XlsxStyles styles = XlsxStyles.NONE;
            try (InputStream part = optional(reader::getStylesData)) {
                if (part != null) {
                    styles = XlsxStyles.read(part);
                }
            }
            SharedStrings strings = SharedStrings.NONE;
            try (InputStream part = optional(reader::getSharedStringsData)) {
                if (part != null) {
                    try (InflatedAhead inflated = InflatedAhead.start(part, name)) {
                        strings = SharedStrings.read(inflated);
                    }
                }
            }
            return new XlsxRowReader(pkg, name, strings, styles, date1904,
                    (XSSFReader.SheetIterator) reader.getSheetsData(), Files.size(file));
        } catch (ImportFileException e) {
            revert(pkg);
            throw e;
        } catch (Exception e) {
            revert(pkg);
            throw XlsxFailures.classify(name, e);
        }
    }

    @Override
    public long nextRow(CellSink sink) throws ImportFileException {
        try {
            while (!finished) {
                if (xml == null && !openNextSheet()) {
                    finished = true;
                    break;
                }
                long row = readRow(sink);
                if (row > 0) {
                    return row;
                }
                closeSheet();
                finished = contentSeen;
            }
            return -1;
        } catch (ImportFileException e) {
            throw e;
        } catch (Exception e) {
            throw XlsxFailures.classify(name, e);
        }
    }

    private boolean openNextSheet() throws XMLStreamException {
        if (!sheets.hasNext()) {
            return false;
        }
        InputStream part = sheets.next();
        long size = sheets.getSheetPart().getSize();
        sheetSize = size > 0 ? size : 1;
        sheetIn = new CountingInputStream(InflatedAhead.start(part, name));
        xml = XmlParts.open(sheetIn);
        lastRow = 0;
        return true;
    }

    /** The next row of the current sheet, its cells given to the sink; -1 at the end of the sheet's data. */
    private long readRow(CellSink sink) throws XMLStreamException, ImportFileException {
        while (xml.hasNext()) {
            int event = XmlParts.next(xml);
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                long row = rowNumber(xml.getAttributeValue(null, "r"));
                lastRow = row;
                int column = -1;
                while (true) {
                    event = XmlParts.next(xml);
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        if (xml.getLocalName().equals("c")) {
                            column = cell(sink, column);
                        } else {
                            RichText.skip(xml);
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        return row;
                    }
                }
            }
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("sheetData")) {
                return -1;
            }
        }
        return -1;
    }

    private long rowNumber(String r) throws ImportFileException {
        if (r == null) {
            return lastRow + 1;
        }
        try {
            long row = Long.parseLong(r.strip());
            if (row < 1) {
                throw new NumberFormatException(r);
            }
            return row;
        } catch (NumberFormatException e) {
            throw new ImportFileException("corrupt_file", name + " has a row numbered " + CellText.bounded(r)
                    + ": save it again from the spreadsheet program");
        }
    }

    /** Reads one {@code <c>} element; returns its 0-based column. */
    private int cell(CellSink sink, int previous) throws XMLStreamException, ImportFileException {
        attributes.read(xml, previous);
        int column = attributes.column();
        boolean hasValue = false;
        String formula = null;
        String inline = null;
        while (true) {
            int event = XmlParts.next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "v" -> {
                        value.setLength(0);
                        XmlParts.text(xml, value);
                        hasValue = true;
                    }
                    case "f" -> formula = XmlParts.text(xml);
                    case "is" -> inline = RichText.read(xml);
                    default -> RichText.skip(xml);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (column >= CellAttributes.MAX_COLUMN || !sink.wants(column)) {
            return column;
        }
        if (formula != null) {
            contentSeen = true;
            // Never evaluated, and its cached result is not used either: the admin sees a value the file does not
            // hold, and a reference may reach another sheet or workbook.
            sink.problem(column, "=" + (formula.isBlank() ? "(shared formula)" : formula), "formula_not_allowed",
                    "a formula is not imported, nor its result: type the value itself into the cell");
            return column;
        }
        String text = text(hasValue, inline);
        if (text != null && !text.isBlank()) {
            contentSeen = true;
        }
        sink.text(column, text);
        return column;
    }

    /** The cell's text from its type, style and {@code <v>} (in {@link #value} when {@code hasValue}). */
    private String text(boolean hasValue, String inline) throws ImportFileException {
        return switch (attributes.type()) {
            case NUMBER -> hasValue
                    ? CellValues.number(value.toString(), styles.isDate(attributes.style()), date1904) : null;
            case SHARED_STRING -> hasValue ? sharedString() : null;
            case INLINE_STRING -> inline != null ? inline : hasValue ? OoxmlEscapes.decode(value.toString()) : null;
            case TEXT -> hasValue ? OoxmlEscapes.decode(value.toString()) : null;
            case BOOLEAN -> hasValue ? CellValues.bool(value.toString()) : null;
            case ISO_DATE -> hasValue ? CellValues.isoDate(value.toString()) : null;
            // an error value such as #N/A, which the template's rules then refuse
            case AS_STORED -> hasValue ? value.toString() : null;
        };
    }

    /** The shared string {@link #value} refers to, its index read without a String of it. */
    private String sharedString() throws ImportFileException {
        int from = 0;
        int to = value.length();
        while (from < to && Character.isWhitespace(value.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
            to--;
        }
        String text;
        try {
            text = strings.get(Integer.parseInt(value, from, to, 10));
        } catch (NumberFormatException e) {
            text = null;
        }
        if (text == null) {
            throw new ImportFileException("corrupt_file", name + " has a cell (row " + lastRow + ") referring to"
                    + " shared string " + CellText.bounded(value.toString()) + ", which the workbook does not hold:"
                    + " save it again from the spreadsheet program");
        }
        return text;
    }

    @Override
    public long bytesRead() {
        CountingInputStream in = sheetIn;
        if (finished) {
            return fileSize;
        }
        return in == null ? 0 : (long) (fileSize * Math.min(1.0, (double) in.count() / sheetSize));
    }

    @Override
    public void close() {
        closeSheet();
        revert(pkg);
    }

    private void closeSheet() {
        try {
            if (xml != null) {
                xml.close();
            }
            if (sheetIn != null) {
                sheetIn.close();
            }
        } catch (XMLStreamException | IOException e) {
            // Only read: nothing to lose.
        }
        xml = null;
        sheetIn = null;
    }

    private static void revert(OPCPackage pkg) {
        if (pkg != null) {
            // A package opened for reading is reverted, not closed: closing would try to save it.
            pkg.revert();
        }
    }

    /** A part the package may lack (no shared strings when every string is inline, no styles). */
    private static InputStream optional(PartSource source) {
        try {
            return source.open();
        } catch (Exception e) {
            return null;
        }
    }

    private interface PartSource {
        InputStream open() throws Exception;
    }
}
