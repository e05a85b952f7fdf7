package io.roster.importer.file;

/**
 * Something about the file the admin should know that does not stop the import.
 *
 * @param code a stable, lower-case code: {@code unknown_column_ignored}...
 * @param message for the admin, naming the column or cell
 */
public record FileWarning(String code, String message) {}
