package io.roster.importer.file;

import io.roster.contracts.account.AccountTemplate;
import java.nio.file.Path;

/**
 * Opens an uploaded file for reading (a Spring bean). The format is found from the content, the file name only
 * helping to word the error: an XLSX renamed {@code .csv} is read as the XLSX it is or refused clearly, a legacy
 * {@code .xls} or {@code .ods} is refused with how to save it as {@code .xlsx}.
 */
public interface ImportFiles {

    /**
     * @param file the whole upload, on local disk (a worker copies it there from the shared storage)
     * @param originalName the name the admin uploaded it under, for messages
     * @throws ImportFileException when the file can not be imported at all (format, corrupt, header)
     */
    ImportFile open(Path file, String originalName, AccountTemplate template, ImportLimits limits)
            throws ImportFileException;
}
