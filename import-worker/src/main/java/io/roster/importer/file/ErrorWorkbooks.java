package io.roster.importer.file;

import io.roster.contracts.account.AccountTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * Writes the error workbook of an import (a Spring bean): the template's columns, then the failed rows with their
 * original values, each bad cell filled red with a comment saying what is wrong, and an error column, so that the
 * admin fixes this file and imports it again as it is. Streams: memory stays flat whatever the row count.
 */
public interface ErrorWorkbooks {

    void write(AccountTemplate template, Iterator<FailedRow> rows, OutputStream out) throws IOException;
}
