package io.roster.importer.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Tells the format of an upload from its content, so that an XLSX renamed {@code .csv} is read as the XLSX it is
 * and a legacy workbook is refused with how to convert it rather than read as garbage text.
 */
final class FormatDetector {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
        (byte) 0xE1};
    private static final String ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

    private FormatDetector() {
    }

    static FileFormat detect(Path file) throws IOException, ImportFileException {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read == 0) {
            return FileFormat.EMPTY;
        }
        if (startsWith(head, read, OLE2)) {
            return FileFormat.LEGACY_EXCEL;
        }
        if (startsWith(head, read, ZIP) || startsWith(head, read, EMPTY_ZIP)) {
            return zipKind(file);
        }
        return FileFormat.CSV;
    }

    /** Only the zip's central directory and, for an ODS, its tiny {@code mimetype} entry are read here. */
    private static FileFormat zipKind(Path file) throws IOException, ImportFileException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry mimetype = zip.getEntry("mimetype");
            if (mimetype != null) {
                try (InputStream in = zip.getInputStream(mimetype)) {
                    String type = new String(in.readNBytes(200), StandardCharsets.US_ASCII).strip();
                    if (type.startsWith(ODS_MIMETYPE)) {
                        return FileFormat.ODS;
                    }
                }
            }
            // The workbook's part name is the package's choice: any spreadsheetml part under xl/ will do here.
            boolean spreadsheet = zip.getEntry("[Content_Types].xml") != null
                    && zip.stream().anyMatch(e -> e.getName().startsWith("xl/"));
            return spreadsheet ? FileFormat.XLSX : FileFormat.OTHER_ZIP;
        } catch (ZipException e) {
            throw new ImportFileException("corrupt_file", "the file starts as an XLSX (a zip) but is truncated or"
                    + " corrupt (" + e.getMessage() + "): save it again from the spreadsheet program and upload it"
                    + " whole", e);
        }
    }

    private static boolean startsWith(byte[] head, int read, byte[] magic) {
        if (read < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
