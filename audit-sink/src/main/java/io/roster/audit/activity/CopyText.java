package io.roster.audit.activity;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The rows of a COPY in PostgreSQL's text format, written straight as UTF-8 bytes: backslash escapes, {@code \N} for
 * null, NUL (which PostgreSQL refuses in text) replaced by U+FFFD. A value of plain ASCII without a character to
 * escape — nearly every one — is copied as it is, without a character-by-character StringBuilder, a String of the
 * whole text and its encoding once more.
 */
final class CopyText {

    private byte[] bytes;
    private int length;

    CopyText(int expectedBytes) {
        this.bytes = new byte[Math.max(expectedBytes, 64)];
    }

    /** Appends a value and the separator after it ({@code '\t'}, or {@code '\n'} after a row's last value). */
    CopyText field(String value, char end) {
        if (value == null) {
            room(3);
            bytes[length++] = '\\';
            bytes[length++] = 'N';
        } else if (plain(value)) {
            int n = value.length();
            room(n + 1);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) value.charAt(i);
            }
        } else {
            byte[] escaped = escape(value).getBytes(StandardCharsets.UTF_8);
            room(escaped.length + 1);
            System.arraycopy(escaped, 0, bytes, length, escaped.length);
            length += escaped.length;
        }
        bytes[length++] = (byte) end;
        return this;
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /** The text so far, for tests. */
    String text() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** ASCII with nothing to escape: its chars are its UTF-8 bytes. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\u0000') {
                return false;
            }
        }
        return true;
    }

    private static String escape(String value) {
        StringBuilder text = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\u0000' -> text.append('\uFFFD');
                default -> text.append(c);
            }
        }
        return text.toString();
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
