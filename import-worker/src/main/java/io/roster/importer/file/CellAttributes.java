package io.roster.importer.file;

import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.typed.TypedValueDecoder;

/**
 * The attributes of a sheet's {@code <c>} element — its reference ({@code r="AB12"}), type ({@code t}) and style
 * ({@code s}) — decoded from the parser's own characters (Stax2's typed access), without a String for each: asking
 * Aalto for an attribute's value as a String builds one of all the element's values and a substring of it per
 * value, three or four objects a cell, which was a fifth of reading an inline-strings sheet. Reused from cell to
 * cell by one reader.
 *
 * <p>A value is read as the schema types it (a token, an unsigned integer): surrounding blanks are not part of it.
 */
final class CellAttributes {

    /** The cell's {@code t}: how its {@code <v>} is to be read. */
    enum Type {
        /** {@code n}, or no {@code t}: a number, a date when its style says so. */
        NUMBER,
        /** {@code s}: an index into the shared-strings table. */
        SHARED_STRING,
        /** {@code inlineStr}: the text in its {@code <is>}. */
        INLINE_STRING,
        /** {@code str}: a formula's text result, or text as some writers store it. */
        TEXT,
        /** {@code b}: 1 or 0. */
        BOOLEAN,
        /** {@code d}: an ISO-8601 date (strict OOXML). */
        ISO_DATE,
        /** {@code e} (an error value such as #N/A) or a type no writer uses: its value as it is. */
        AS_STORED
    }

    /** Columns past Excel's last (XFD) are no column of any template. */
    static final int MAX_COLUMN = 16_384;

    private final ReferenceDecoder reference = new ReferenceDecoder();
    private final TypeDecoder type = new TypeDecoder();
    private final StyleDecoder style = new StyleDecoder();

    private int column;
    private Type cellType;
    private int styleIndex;

    /**
     * Reads the attributes of the {@code <c>} the parser is on.
     *
     * @param previous the 0-based column of the row's cell before, -1 for its first: a cell without a reference is
     *     the next one
     */
    void read(XMLStreamReader2 xml, int previous) throws XMLStreamException {
        column = previous + 1;
        cellType = Type.NUMBER;
        styleIndex = 0;
        for (int i = 0, count = xml.getAttributeCount(); i < count; i++) {
            String name = xml.getAttributeLocalName(i);
            if (name.length() != 1) {
                continue;
            }
            switch (name.charAt(0)) {
                case 'r' -> {
                    reference.previous = previous;
                    xml.getAttributeAs(i, reference);
                    column = reference.column;
                }
                case 't' -> {
                    xml.getAttributeAs(i, type);
                    cellType = type.type;
                }
                case 's' -> {
                    xml.getAttributeAs(i, style);
                    styleIndex = style.index;
                }
                default -> {
                    // other attributes of a cell (cm, vm, ph) say nothing the template reads
                }
            }
        }
    }

    /** 0-based; {@link #MAX_COLUMN} for any column past the last. */
    int column() {
        return column;
    }

    Type type() {
        return cellType;
    }

    /** The index into the styles' cell formats; -1 when it is no number. */
    int style() {
        return styleIndex;
    }

    /** {@code AB12} to 27: the letters only; no letter at all means the cell after the previous one. */
    private static final class ReferenceDecoder extends TypedValueDecoder {

        int previous;
        int column;

        @Override
        public void decode(String text) {
            decode(text.toCharArray(), 0, text.length());
        }

        @Override
        public void decode(char[] chars, int start, int end) {
            int value = 0;
            for (int i = start; i < end; i++) {
                char c = chars[i];
                if (c < 'A' || c > 'Z') {
                    break;
                }
                value = value * 26 + (c - 'A' + 1);
                if (value > MAX_COLUMN) {
                    column = MAX_COLUMN;
                    return;
                }
            }
            column = value == 0 ? previous + 1 : value - 1;
        }

        @Override
        public void handleEmptyValue() {
            column = previous + 1;
        }
    }

    private static final class TypeDecoder extends TypedValueDecoder {

        Type type;

        @Override
        public void decode(String text) {
            decode(text.toCharArray(), 0, text.length());
        }

        @Override
        public void decode(char[] chars, int start, int end) {
            type = switch (end - start) {
                case 1 -> switch (chars[start]) {
                    case 'n' -> Type.NUMBER;
                    case 's' -> Type.SHARED_STRING;
                    case 'b' -> Type.BOOLEAN;
                    case 'd' -> Type.ISO_DATE;
                    default -> Type.AS_STORED;
                };
                case 3 -> is(chars, start, "str") ? Type.TEXT : Type.AS_STORED;
                case 9 -> is(chars, start, "inlineStr") ? Type.INLINE_STRING : Type.AS_STORED;
                default -> Type.AS_STORED;
            };
        }

        @Override
        public void handleEmptyValue() {
            type = Type.AS_STORED;
        }

        private static boolean is(char[] chars, int start, String word) {
            for (int i = 0; i < word.length(); i++) {
                if (chars[start + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A decimal index as {@link Integer#parseInt} reads it; -1 for anything else or below 0, which no style is. */
    private static final class StyleDecoder extends TypedValueDecoder {

        int index;

        @Override
        public void decode(String text) {
            decode(text.toCharArray(), 0, text.length());
        }

        @Override
        public void decode(char[] chars, int start, int end) {
            int from = start;
            boolean negative = false;
            if (from < end && (chars[from] == '+' || chars[from] == '-')) {
                negative = chars[from] == '-';
                from++;
            }
            if (from == end) {
                index = -1;
                return;
            }
            long value = 0;
            for (int i = from; i < end; i++) {
                char c = chars[i];
                if (c < '0' || c > '9') {
                    index = -1;
                    return;
                }
                value = value * 10 + (c - '0');
                if (value > Integer.MAX_VALUE) {
                    index = -1;
                    return;
                }
            }
            index = negative && value != 0 ? -1 : (int) value;
        }

        @Override
        public void handleEmptyValue() {
            index = -1;
        }
    }
}
