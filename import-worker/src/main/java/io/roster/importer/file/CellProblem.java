package io.roster.importer.file;

import io.roster.contracts.account.TemplateColumn;

/**
 * A cell refused while the file was read, before any rule of the template was applied.
 *
 * @param column the template column of the cell
 * @param value what the cell held, bounded as {@code FieldProblem.quote} bounds it (a formula's text, say)
 * @param code a stable, lower-case code: {@code formula_not_allowed}, {@code cell_too_long}...
 * @param message what to write instead, for the admin
 */
public record CellProblem(TemplateColumn column, String value, String code, String message) {}
