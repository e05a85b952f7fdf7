package io.roster.importer.file;

import java.util.Locale;

/** What went wrong reading an XLSX, in the admin's terms: a zip bomb, unsafe XML, or a damaged file. */
final class XlsxFailures {

    private XlsxFailures() {
    }

    static ImportFileException classify(String name, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb") || message.contains("max entry size")
                    || message.contains("maxentrysize") || message.contains("max text size")) {
                return new ImportFileException("zip_bomb", name + " inflates to far more data than a spreadsheet"
                        + " holds (a zip bomb): it was not read", failure);
            }
            if (t instanceof TextRunGuard.TextTooLongException) {
                return new ImportFileException("text_too_long", name + " holds one text of more than "
                        + (TextRunGuard.MAX_RUN >> 20) + " MB, where a cell holds at most 32,767 characters: it was"
                        + " not read; save the workbook again from Excel or LibreOffice", failure);
            }
            if (t instanceof XmlParts.UnsafeXmlException || message.contains("doctype")
                    || message.contains("entity")) {
                return new ImportFileException("unsafe_xml", name + " holds XML with a DTD or entity"
                        + " declarations, which no spreadsheet program writes and which is refused for safety: save"
                        + " the workbook again from Excel or LibreOffice", failure);
            }
        }
        return new ImportFileException("corrupt_file", name + " is not a readable XLSX workbook (truncated or"
                + " damaged: " + CellText.bounded(String.valueOf(failure.getMessage())) + "): open it in Excel or"
                + " LibreOffice, save it again as .xlsx and upload it whole", failure);
    }
}
