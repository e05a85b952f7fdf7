package io.roster.importer.upload;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyOut;

/**
 * Reads PostgreSQL's binary COPY format of a one-column {@code bytea} result: the signature, flags and header
 * extension, then per row a field count (-1 ends the data), each field's length (-1 for NULL) and its bytes.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private BinaryCopy() {
    }

    /** Writes each row's value to {@code out}, in the result's order. */
    static void chunks(CopyOut copy, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(new Messages(copy));
        byte[] signature = new byte[SIGNATURE.length];
        in.readFully(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not a binary COPY");
        }
        in.readInt();
        in.skipNBytes(in.readInt());
        byte[] buffer = new byte[1 << 16];
        while (true) {
            short fields = in.readShort();
            if (fields == -1) {
                // to the COPY's end, so that the connection goes back to its pool ready for the next statement
                if (in.read() != -1) {
                    throw new IOException("data after the end of a binary COPY");
                }
                return;
            }
            for (int f = 0; f < fields; f++) {
                int length = in.readInt();
                while (length > 0) {
                    int n = in.read(buffer, 0, Math.min(buffer.length, length));
                    if (n < 0) {
                        throw new EOFException("the COPY ended inside a row");
                    }
                    out.write(buffer, 0, n);
                    length -= n;
                }
            }
        }
    }

    /** The COPY's data messages as one stream. */
    private static final class Messages extends InputStream {

        private final CopyOut copy;
        private byte[] message = new byte[0];
        private int position;

        Messages(CopyOut copy) {
            this.copy = copy;
        }

        private boolean fill() throws IOException {
            while (position == message.length) {
                try {
                    byte[] next = copy.readFromCopy();
                    if (next == null) {
                        return false;
                    }
                    message = next;
                    position = 0;
                } catch (SQLException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? message[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, message.length - position);
            System.arraycopy(message, position, b, off, n);
            position += n;
            return n;
        }
    }
}
