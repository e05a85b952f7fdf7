package io.roster.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OWASP CSV injection: a cell a spreadsheet would evaluate is turned into text. */
class CsvExportTest {

    @Test
    void formulaCharactersFirstAreNeutralisedAndEveryCellIsQuoted() {
        assertThat(CsvExport.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(CsvExport.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(CsvExport.cell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(CsvExport.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(CsvExport.cell("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(CsvExport.cell("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(CsvExport.cell("a=b")).isEqualTo("\"a=b\"");
        assertThat(CsvExport.cell("")).isEqualTo("\"\"");
        assertThat(CsvExport.cell(null)).isEmpty();
    }
}
