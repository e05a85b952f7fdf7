package io.roster.importer.rows;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A dry run's {@link RowKeys} of every row of its file, in memory for its file-level checks (25 bytes a row, 25 MB
 * for a million): which rows those checks can refuse, so that only they are read again and stored for them.
 */
public final class FileKeys {

    private long[] rows;
    private long[] logins;
    private long[] emails;
    private byte[] flags;
    private int size;
    private long[] sortedLogins;
    private long[] sortedEmails;
    private final LongList existingLogins = new LongList();
    private final LongList existingEmails = new LongList();

    FileKeys(int expectedRows) {
        int capacity = Math.max(16, expectedRows);
        rows = new long[capacity];
        logins = new long[capacity];
        emails = new long[capacity];
        flags = new byte[capacity];
    }

    /** Adds a slice's records. */
    void add(byte[] records) {
        ByteBuffer in = ByteBuffer.wrap(records);
        while (in.remaining() >= RowKeys.BYTES) {
            if (size == rows.length) {
                int capacity = size * 2;
                rows = Arrays.copyOf(rows, capacity);
                logins = Arrays.copyOf(logins, capacity);
                emails = Arrays.copyOf(emails, capacity);
                flags = Arrays.copyOf(flags, capacity);
            }
            rows[size] = in.getLong();
            logins[size] = in.getLong();
            emails[size] = in.getLong();
            flags[size] = in.get();
            size++;
        }
    }

    public int size() {
        return size;
    }

    /** An account of the workspace, its login and e-mail as the projection keeps them (lower case). */
    public void existingAccount(String login, String email) {
        if (sortedLogins == null) {
            sortedLogins = sortedKeys(logins);
            sortedEmails = sortedKeys(emails);
        }
        long loginHash = RowKeys.hash(login);
        if (loginHash != 0 && Arrays.binarySearch(sortedLogins, loginHash) >= 0) {
            existingLogins.add(loginHash);
        }
        long emailHash = RowKeys.hash(email);
        if (emailHash != 0 && Arrays.binarySearch(sortedEmails, emailHash) >= 0) {
            existingEmails.add(emailHash);
        }
    }

    /**
     * The rows not stored yet that a file-level check may refuse, in file order: those whose LOGIN or EMAIL hash is
     * another row's too, or an existing account's; and, when the file's valid users could need more licences than
     * are free, every one of them (the rows beyond the free ones are refused in file order).
     */
    public long[] rowsToStore(long licencesFree) {
        if (sortedLogins == null) {
            sortedLogins = sortedKeys(logins);
            sortedEmails = sortedKeys(emails);
        }
        long[] loginHits = hits(sortedLogins, existingLogins);
        long[] emailHits = hits(sortedEmails, existingEmails);
        long licensed = 0;
        for (int i = 0; i < size; i++) {
            if ((flags[i] & RowKeys.TAKES_LICENCE) != 0) {
                licensed++;
            }
        }
        boolean overLicences = licensed > licencesFree;
        LongList wanted = new LongList();
        for (int i = 0; i < size; i++) {
            if ((flags[i] & RowKeys.STORED) != 0) {
                continue;
            }
            if ((overLicences && (flags[i] & RowKeys.TAKES_LICENCE) != 0)
                    || (logins[i] != 0 && Arrays.binarySearch(loginHits, logins[i]) >= 0)
                    || (emails[i] != 0 && Arrays.binarySearch(emailHits, emails[i]) >= 0)) {
                wanted.add(rows[i]);
            }
        }
        long[] result = wanted.toArray();
        Arrays.sort(result);
        return result;
    }

    private long[] sortedKeys(long[] hashes) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (hashes[i] != 0) {
                n++;
            }
        }
        long[] sorted = new long[n];
        n = 0;
        for (int i = 0; i < size; i++) {
            if (hashes[i] != 0) {
                sorted[n++] = hashes[i];
            }
        }
        sort(sorted);
        return sorted;
    }

    /**
     * Sorts in signed order, a radix sort of four 16-bit digits (four passes, a second array of the same size): a
     * million hashes in half the CPU of {@link Arrays#sort} (a dry run's CHECKING sorts two, once, in a JVM that
     * has not compiled either yet); the hashes are random, where a radix sort gives nothing away.
     */
    static void sort(long[] values) {
        if (values.length < 1 << 12) {
            Arrays.sort(values);
            return;
        }
        long[] from = values;
        long[] to = new long[values.length];
        int[] starts = new int[1 << 16];
        for (int shift = 0; shift < Long.SIZE; shift += 16) {
            // the top digit with its sign bit flipped: negative values first
            int flip = shift == Long.SIZE - 16 ? 0x8000 : 0;
            Arrays.fill(starts, 0);
            for (long v : from) {
                starts[((int) (v >>> shift) & 0xffff) ^ flip]++;
            }
            int start = 0;
            for (int d = 0; d < starts.length; d++) {
                int count = starts[d];
                starts[d] = start;
                start += count;
            }
            for (long v : from) {
                to[starts[((int) (v >>> shift) & 0xffff) ^ flip]++] = v;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        // an even number of passes: the sorted values are back in the caller's array
    }

    /** The hashes found twice in the file, and those of existing accounts found in it: sorted, distinct. */
    private static long[] hits(long[] sorted, LongList existing) {
        LongList hits = new LongList();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1] && (hits.size == 0 || hits.last() != sorted[i])) {
                hits.add(sorted[i]);
            }
        }
        for (int i = 0; i < existing.size; i++) {
            hits.add(existing.values[i]);
        }
        long[] result = hits.toArray();
        Arrays.sort(result);
        return result;
    }

    /** A growable list of longs, without a box each. */
    private static final class LongList {
        private long[] values = new long[16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long last() {
            return values[size - 1];
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
