package io.roster.importer.file;

/**
 * The file as a whole can not be imported: not a spreadsheet, a legacy format, corrupt, a zip bomb, over a limit,
 * a required column missing. The job ends with {@link #code()} and the message, which says what to do instead.
 */
public class ImportFileException extends Exception {

    private final String code;

    public ImportFileException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ImportFileException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable, lower-case code: {@code unsupported_format}, {@code corrupt_file}, {@code missing_column}... */
    public String code() {
        return code;
    }
}
