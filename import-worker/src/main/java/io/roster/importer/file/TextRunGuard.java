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

    /**
     * Only the ends of a read are looked at when it holds a {@code <}: a stretch between two of them inside one read is
     * shorter than the read, and a read is far shorter than {@link #MAX_RUN}. So a sheet's bytes are not each looked
     * at (that was a tenth of reading an inline-strings sheet); a read without any {@code <} is scanned whole.
     */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n <= 0) {
            return n;
        }
        int end = offset + n;
        int first = offset;
        while (first < end && buffer[first] != '<') {
            first++;
        }
        if (first == end) {
            run = grown(run, n);
            return n;
        }
        grown(run, first - offset);
        if (n > MAX_RUN) {
            // a caller reading more than the bound at once: the stretches between its markup are checked one by one
            int at = 0;
            for (int i = first + 1; i < end; i++) {
                at = buffer[i] == '<' ? 0 : grown(at, 1);
            }
            run = at;
            return n;
        }
        int last = end - 1;
        while (buffer[last] != '<') {
            last--;
        }
        run = end - 1 - last;
        return n;
    }

    /** A stretch without markup grown by {@code more} bytes; refused over the bound. */
    private static int grown(int run, int more) throws TextTooLongException {
        long grown = (long) run + more;
        if (grown > MAX_RUN) {
            throw new TextTooLongException();
        }
        return (int) grown;
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
