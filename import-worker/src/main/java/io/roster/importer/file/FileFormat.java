package io.roster.importer.file;

/** What an upload is, found from its first bytes (and a zip's entry names), never from its name. */
enum FileFormat {
    /** Not a zip nor an OLE2 container: read as CSV text, which still has to be UTF-8 and not binary. */
    CSV,
    XLSX,
    /** Excel 97-2003 (or a password-protected workbook, which Excel also stores in an OLE2 container). */
    LEGACY_EXCEL,
    /** OpenDocument spreadsheet (LibreOffice's own format). */
    ODS,
    /** A zip that is no spreadsheet (a .docx, an archive). */
    OTHER_ZIP,
    EMPTY
}
