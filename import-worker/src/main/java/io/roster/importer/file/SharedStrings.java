package io.roster.importer.file;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The shared-strings table of an XLSX, kept off the heap: what Excel writes for a million-row sheet holds millions
 * of distinct strings (3 M in the benchmark's file), which as Java strings would take most of a 256 MB heap
 * (fastexcel-reader was measured at 225 MB). Here the strings' UTF-8 bytes go to one temporary file and their
 * offsets to another, both memory-mapped (page cache, not heap) and deleted at once (the mapping keeps them alive
 * until it is collected); a string is decoded only when a cell of a column the template reads refers to it.
 *
 * <p>The short strings last decoded are kept by index in a small table ({@link #CACHE_SLOTS} of at most
 * {@link #CACHED_MAX_BYTES} bytes: a few hundred kilobytes at most): a sheet repeats its few statuses, departments
 * and YES/NO row after row, and each is then decoded once rather than in every row. One reader's table, read by its
 * thread only.
 */
final class SharedStrings {

    /** One mapping holds at most 2 GB; a real 1,000,000-row sheet needs well under a tenth of it. */
    static final long MAX_BYTES = Integer.MAX_VALUE;

    /** Slots of the table of decoded strings, a power of two. */
    static final int CACHE_SLOTS = 4096;

    /** Longer strings are decoded at each use: the table stays small whatever the file holds. */
    static final int CACHED_MAX_BYTES = 64;

    private static final int SCRATCH_MAX = 1 << 16;

    static final SharedStrings NONE = new SharedStrings(null, null, 0);

    private final MappedByteBuffer bytes;
    private final LongBuffer offsets;
    private final int count;
    /** The index each slot holds the string of, -1 for none. */
    private final int[] cachedIndex;
    private final String[] cached;
    /** A string's bytes copied out of the mapping before decoding, reused up to {@link #SCRATCH_MAX} bytes. */
    private byte[] scratch = new byte[256];

    private SharedStrings(MappedByteBuffer bytes, LongBuffer offsets, int count) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.count = count;
        this.cachedIndex = new int[count == 0 ? 0 : CACHE_SLOTS];
        this.cached = new String[cachedIndex.length];
        Arrays.fill(cachedIndex, -1);
    }

    /** Reads the whole {@code sharedStrings.xml} part into the table. */
    static SharedStrings read(InputStream part) throws IOException, XMLStreamException, ImportFileException {
        Path data = Files.createTempFile("roster-sst", ".bin");
        Path index = Files.createTempFile("roster-sst", ".idx");
        try {
            int count = 0;
            long written = 0;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(data), 1 << 16);
                    DataOutputStream offsets = new DataOutputStream(
                            new BufferedOutputStream(Files.newOutputStream(index), 1 << 16))) {
                XMLStreamReader xml = XmlParts.open(part);
                offsets.writeLong(0);
                while (xml.hasNext()) {
                    int event = XmlParts.next(xml);
                    if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("si")) {
                        byte[] utf8 = RichText.read(xml).getBytes(StandardCharsets.UTF_8);
                        written += utf8.length;
                        if (written > MAX_BYTES || count == Integer.MAX_VALUE / 8 - 1) {
                            throw new ImportFileException("file_too_large", "the workbook's shared strings hold"
                                    + " over 2 GB of text: split the file");
                        }
                        out.write(utf8);
                        offsets.writeLong(written);
                        count++;
                    }
                }
                xml.close();
            }
            return new SharedStrings(map(data), map(index).asLongBuffer(), count);
        } finally {
            Files.deleteIfExists(data);
            Files.deleteIfExists(index);
        }
    }

    private static MappedByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
    }

    int size() {
        return count;
    }

    /** The string at a 0-based index; {@code null} when the index is not in the table (a corrupt cell). */
    String get(int index) {
        if (index < 0 || index >= count) {
            return null;
        }
        int slot = index & (CACHE_SLOTS - 1);
        if (cachedIndex[slot] == index) {
            return cached[slot];
        }
        int start = (int) offsets.get(index);
        int length = (int) offsets.get(index + 1) - start;
        byte[] utf8 = scratch;
        if (utf8.length < length) {
            utf8 = new byte[length];
            if (length <= SCRATCH_MAX) {
                scratch = utf8;
            }
        }
        bytes.get(start, utf8, 0, length);
        String text = new String(utf8, 0, length, StandardCharsets.UTF_8);
        if (length <= CACHED_MAX_BYTES) {
            cachedIndex[slot] = index;
            cached[slot] = text;
        }
        return text;
    }
}
