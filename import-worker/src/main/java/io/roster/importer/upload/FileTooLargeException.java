package io.roster.importer.upload;

import java.io.IOException;

/** An upload over {@code roster.import.max-file-size}: answered 413. */
public class FileTooLargeException extends IOException {

    private final long limit;

    public FileTooLargeException(long limit) {
        super("import files are limited to " + limit + " bytes (roster.import.max-file-size)");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
