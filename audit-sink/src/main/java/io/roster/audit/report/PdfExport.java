package io.roster.audit.report;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;

/**
 * The PDF export (OpenPDF), written as the rows are read: the table is an incomplete large element, added to the
 * document every {@link #CHUNK} rows, which writes the finished pages out and frees their rows, so memory stays flat
 * whatever the row count. Title, workspace, range, generated-at and chain heads first; page numbers on every page.
 */
final class PdfExport implements ActivityExport {

    /** Rows held before they are written out. */
    static final int CHUNK = 250;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEAD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);

    private final Document document;
    private final PdfPTable table;
    /** Names, texts and addresses come from the events, in any script; the fixed Latin titles stay Helvetica. */
    private final PdfFonts text = new PdfFonts(9);
    private final PdfFonts cell = new PdfFonts(8);
    private int pending;

    PdfExport(OutputStream out, ExportHeading heading) {
        document = new Document(PageSize.A4.rotate(), 36, 36, 36, 48);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setPageEvent(new PageNumbers(text));
        document.addTitle(heading.title() + " " + heading.workspaceId());
        document.addCreator("Roster audit-sink");
        document.open();
        document.add(new Paragraph(heading.title(), TITLE));
        document.add(new Paragraph(text.phrase("Workspace: " + heading.workspace())));
        document.add(new Paragraph(text.phrase("Range: " + heading.range())));
        document.add(new Paragraph(text.phrase("Generated at: " + heading.generated())));
        document.add(new Paragraph(text.phrase("Chain heads: " + heading.chain())));
        document.add(new Paragraph(" "));
        table = new PdfPTable(new float[] {11, 8, 49, 20, 12});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setComplete(false);
        for (String title : new String[] {"Date", "Time", "Activity", "User", "IP"}) {
            PdfPCell cell = new PdfPCell(new Phrase(title, HEAD));
            cell.setBackgroundColor(new Color(0xE8, 0xE8, 0xE8));
            table.addCell(cell);
        }
    }

    @Override
    public void row(ReportEntry e) {
        table.addCell(cell.phrase(e.date().toString()));
        table.addCell(cell.phrase(TIME.format(e.time())));
        table.addCell(cell(e.summary()));
        table.addCell(cell(user(e)));
        table.addCell(cell.phrase(e.clientIp() == null ? "" : e.clientIp()));
        if (++pending == CHUNK) {
            document.add(table);
            pending = 0;
        }
    }

    @Override
    public void finish() {
        table.setComplete(true);
        document.add(table);
        document.close();
    }

    /**
     * A cell of event text. Arabic and Hebrew are laid out by the bidi algorithm (letters joined, right to left)
     * only in the cells that have them: the others keep the cheaper plain layout.
     */
    private PdfPCell cell(String value) {
        PdfPCell c = new PdfPCell(cell.phrase(value));
        if (PdfFonts.rightToLeft(value)) {
            c.setRunDirection(PdfWriter.RUN_DIRECTION_LTR);
        }
        return c;
    }

    /** Who did it, as an admin reads it: "admin rk_…", "user 8f3a…", "upstream hr-system". */
    static String user(ReportEntry e) {
        if (e.actorKind() == null) {
            return e.actorId() == null ? "" : e.actorId();
        }
        return e.actorKind().toLowerCase(java.util.Locale.ROOT) + (e.actorId() == null ? "" : " " + e.actorId());
    }

    private static final class PageNumbers extends PdfPageEventHelper {

        private final PdfFonts text;

        PageNumbers(PdfFonts text) {
            this.text = text;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                    text.phrase("Page " + writer.getPageNumber()),
                    (document.left() + document.right()) / 2, document.bottom() - 24, 0);
        }
    }
}
