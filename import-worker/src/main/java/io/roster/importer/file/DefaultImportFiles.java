package io.roster.importer.file;

import io.roster.contracts.account.AccountTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Opens an upload as what its content says it is; every whole-file refusal says what to do instead. */
@Component
public class DefaultImportFiles implements ImportFiles {

    @Override
    public ImportFile open(Path file, String originalName, AccountTemplate template, ImportLimits limits)
            throws ImportFileException {
        String name = originalName == null || originalName.isBlank() ? "the file" : CellText.bounded(originalName);
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw new ImportFileException("file_too_large", name + " is " + size + " bytes, over the limit of "
                        + limits.maxFileBytes() + " bytes: split it into smaller files");
            }
            return switch (FormatDetector.detect(file)) {
                case EMPTY -> throw new ImportFileException("empty_file", name + " is empty: fill in the downloaded"
                        + " template and upload it");
                case LEGACY_EXCEL -> throw new ImportFileException("unsupported_format", name + " is a legacy Excel"
                        + " 97-2003 workbook (.xls) or a password-protected one: open it in Excel and save it as"
                        + " .xlsx (File > Save As > Excel Workbook), without a password");
                case ODS -> throw new ImportFileException("unsupported_format", name + " is an OpenDocument"
                        + " spreadsheet (.ods): open it in LibreOffice Calc or Excel and save it as .xlsx"
                        + " (Excel 2007-365)");
                case OTHER_ZIP -> throw new ImportFileException("unsupported_format", name + " is a zip archive,"
                        + " not a spreadsheet: upload the .xlsx or .csv itself");
                case CSV -> StreamedImportFile.open(CsvRowReader.open(file, name), size, name, template, limits);
                case XLSX -> StreamedImportFile.open(XlsxRowReader.open(file, name), size, name, template, limits);
            };
        } catch (IOException e) {
            throw new ImportFileException("corrupt_file", name + " could not be read: " + e.getMessage(), e);
        }
    }
}
