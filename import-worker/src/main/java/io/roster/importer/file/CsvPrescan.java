package io.roster.importer.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One pass over a CSV upload before any row is read, so that a file that cannot be read whole is refused before the
 * import has done anything: not UTF-8 (Excel on Windows saves "CSV" in cp1252: reading it as UTF-8 would store
 * mojibake), binary, or a quote opened and never closed (which would swallow the rest of the file into one cell).
 * The quote scan follows RFC 4180 as FastCSV reads it; separators, quotes and line ends are ASCII, so scanning the
 * UTF-8 bytes is exact.
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
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK + 8);
        CharBuffer chars = CharBuffer.allocate(CHUNK + 8);
        State state = State.FIELD_START;
        long line = 1;
        long quoteLine = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = bytes.array();
            while (true) {
                int start = bytes.position();
                int read = in.read(buffer, start, CHUNK);
                boolean end = read < 0;
                int limit = start + Math.max(read, 0);
                long chunkLine = line;
                boolean ascii = true;
                for (int i = start; i < limit; i++) {
                    byte b = buffer[i];
                    if (b == 0) {
                        throw binary(name);
                    }
                    ascii &= b > 0;
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
                if (ascii && start == 0 && !end) {
                    // ASCII bytes with nothing left over from the chunk before: valid UTF-8 that leaves the decoder as
                    // it was, so the decoding (a copy of every character) is skipped; most files are all ASCII
                    bytes.clear();
                    continue;
                }
                bytes.limit(limit);
                bytes.position(0);
                CoderResult result = utf8.decode(bytes, chars, end);
                if (result.isError()) {
                    throw notUtf8(name, chunkLine + newlines(buffer, bytes.position()));
                }
                chars.clear();
                bytes.compact();
                if (end) {
                    if (utf8.flush(chars).isError() || bytes.position() > 0) {
                        throw notUtf8(name, line);
                    }
                    break;
                }
            }
        }
        if (state == State.QUOTED) {
            throw new ImportFileException("unterminated_quote", "the quote opened on line " + quoteLine + " of "
                    + name + " is never closed, so the rest of the file would be one cell: close it, or remove it");
        }
    }

    private static long newlines(byte[] buffer, int end) {
        long count = 0;
        for (int i = 0; i < end; i++) {
            if (buffer[i] == '\n') {
                count++;
            }
        }
        return count;
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
