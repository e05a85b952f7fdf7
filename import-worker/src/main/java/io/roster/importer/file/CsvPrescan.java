package io.roster.importer.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One pass over a CSV upload before any row is read, so that a file that cannot be read whole is refused before the
 * import has done anything: not UTF-8 (Excel on Windows saves "CSV" in cp1252: reading it as UTF-8 would store
 * mojibake), binary, or a quote opened and never closed (which would swallow the rest of the file into one cell).
 * The quote scan follows RFC 4180 as FastCSV reads it; separators, quotes and line ends are ASCII, so scanning the
 * UTF-8 bytes is exact. The encoding is checked on the bytes too, in the same loop, never decoded.
 */
final class CsvPrescan {

    private static final int CHUNK = 1 << 16;

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private CsvPrescan() {
    }

    /** The field separator the header line uses: the more frequent of comma and semicolon, comma on a tie. */
    static char separator(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(CHUNK);
        }
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (byte b : head) {
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted && (b == '\n' || b == '\r')) {
                break;
            } else if (!quoted && b == ',') {
                commas++;
            } else if (!quoted && b == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    static void check(Path file, String name, char separator) throws IOException, ImportFileException {
        byte[] buffer = new byte[CHUNK];
        State state = State.FIELD_START;
        Utf8 utf8 = new Utf8();
        long line = 1;
        long quoteLine = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    // Most bytes are printable ASCII past the quote, not the separator, in a field: no line end, no
                    // UTF-8 sequence, and only the field's state to follow. The rest go the whole way below.
                    if (b > '"' && b != separator && utf8.complete()) {
                        if (state == State.QUOTED) {
                            continue;
                        }
                        if (state != State.QUOTE_IN_QUOTED) {
                            state = State.UNQUOTED;
                            continue;
                        }
                    }
                    if (b == 0) {
                        throw binary(name);
                    }
                    if (!utf8.accepts(b)) {
                        throw notUtf8(name, line);
                    }
                    if (b == '\n') {
                        line++;
                    }
                    switch (state) {
                        case FIELD_START, UNQUOTED -> {
                            if (b == '"' && state == State.FIELD_START) {
                                state = State.QUOTED;
                                quoteLine = line;
                            } else {
                                state = b == separator || b == '\n' || b == '\r' ? State.FIELD_START
                                        : State.UNQUOTED;
                            }
                        }
                        case QUOTED -> {
                            if (b == '"') {
                                state = State.QUOTE_IN_QUOTED;
                            }
                        }
                        case QUOTE_IN_QUOTED -> {
                            if (b == '"') {
                                state = State.QUOTED;
                            } else if (b == separator || b == '\n' || b == '\r') {
                                state = State.FIELD_START;
                            } else {
                                throw new ImportFileException("malformed_csv", "line " + line + " of " + name
                                        + " has text right after the closing quote of a field: put the whole"
                                        + " field in quotes and double the quotes inside it (\"a \"\"b\"\" c\")");
                            }
                        }
                        default -> throw new IllegalStateException(state.name());
                    }
                }
            }
        }
        if (!utf8.complete()) {
            throw notUtf8(name, line);
        }
        if (state == State.QUOTED) {
            throw new ImportFileException("unterminated_quote", "the quote opened on line " + quoteLine + " of "
                    + name + " is never closed, so the rest of the file would be one cell: close it, or remove it");
        }
    }

    /**
     * UTF-8 checked byte by byte, as Java's decoder checks it (the well-formed sequences of the Unicode standard,
     * table 3-7: no overlong form, no surrogate, nothing past U+10FFFF) but without decoding: the prescan of a large
     * file decoded most of its chunks (names with accents) only to find them valid, a copy of every character.
     */
    static final class Utf8 {

        /** Continuation bytes still expected by the sequence under way. */
        private int pending;
        /** The bounds of the next continuation byte: narrower for the second byte after E0, ED, F0 and F4. */
        private int low = 0x80;
        private int high = 0xBF;

        /** Whether {@code b} may come next. */
        boolean accepts(byte b) {
            if (b >= 0) {
                return pending == 0;
            }
            int u = b & 0xFF;
            if (pending > 0) {
                if (u < low || u > high) {
                    return false;
                }
                pending--;
                low = 0x80;
                high = 0xBF;
                return true;
            }
            if (u >= 0xC2 && u <= 0xDF) {
                pending = 1;
            } else if (u >= 0xE0 && u <= 0xEF) {
                pending = 2;
                low = u == 0xE0 ? 0xA0 : 0x80;
                high = u == 0xED ? 0x9F : 0xBF;
            } else if (u >= 0xF0 && u <= 0xF4) {
                pending = 3;
                low = u == 0xF0 ? 0x90 : 0x80;
                high = u == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            return true;
        }

        /** No sequence left unfinished. */
        boolean complete() {
            return pending == 0;
        }
    }

    private static ImportFileException notUtf8(String name, long line) {
        return new ImportFileException("not_utf8", name + " is not UTF-8 text (line " + line + " holds a character"
                + " in another encoding, as Excel's plain \"CSV\" writes on Windows): in Excel choose File > Save As >"
                + " \"CSV UTF-8 (Comma delimited)\", or upload the .xlsx itself");
    }

    private static ImportFileException binary(String name) {
        return new ImportFileException("unsupported_format", name + " is neither an XLSX workbook nor CSV text:"
                + " upload the .xlsx template, or a CSV saved as \"CSV UTF-8\"");
    }
}
