package io.roster.importer.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses an XML part in which one stretch without markup (a text node, a CDATA section) runs over
 * {@link #MAX_RUN} bytes. Aalto builds a text node whole before handing it over, so a hostile part holding one
 * text of hundreds of megabytes (random letters: no zip-bomb ratio) would fill the heap before
 * {@link XmlParts#MAX_TEXT} could cut it; no cell of any spreadsheet comes near the bound.
 */
final class TextRunGuard extends FilterInputStream {

    /** Four times {@link XmlParts#MAX_TEXT}: that many characters in UTF-8, whatever the script. */
    static final int MAX_RUN = 4 * XmlParts.MAX_TEXT;

    private int run;

    TextRunGuard(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        int at = run;
        for (int i = offset; i < offset + n; i++) {
            at = buffer[i] == '<' ? 0 : at + 1;
            if (at > MAX_RUN) {
                throw new TextTooLongException();
            }
        }
        run = at;
        return n;
    }

    private void count(byte b) throws TextTooLongException {
        run = b == '<' ? 0 : run + 1;
        if (run > MAX_RUN) {
            throw new TextTooLongException();
        }
    }

    /** One text of the part longer than {@link #MAX_RUN} bytes. */
    static final class TextTooLongException extends IOException {

        TextTooLongException() {
            super("a part of the workbook holds one text of more than " + (MAX_RUN >> 20) + " MB");
        }
    }
}
