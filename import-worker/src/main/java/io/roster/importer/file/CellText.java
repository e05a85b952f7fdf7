package io.roster.importer.file;

/** The text of a cell as the template's rules read it, and the bounded forms messages quote. */
final class CellText {

    /** As much of an offending value as a message or a {@link CellProblem} quotes (FieldProblem's bound). */
    static final int QUOTED_MAX = 200;

    private CellText() {
    }

    /** The cell stripped of surrounding blanks, {@code null} when nothing is left. */
    static String clean(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String text = raw.strip();
        return text.isEmpty() ? null : text;
    }

    /** The value itself when short, else its beginning, "…" and its length: a million-character cell stays small. */
    static String bounded(String text) {
        if (text == null || text.length() <= QUOTED_MAX) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(QUOTED_MAX - 1)) ? QUOTED_MAX - 1 : QUOTED_MAX;
        return text.substring(0, end) + "… (" + text.length() + " characters)";
    }

    /** The spreadsheet letters of a 0-based column position: 0 is A, 26 is AA. */
    static String columnLetters(int position) {
        StringBuilder letters = new StringBuilder();
        for (int n = position + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }
}
