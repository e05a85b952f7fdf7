package io.roster.contracts.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storage allocation such as {@code 10GB} or {@code 500 KB} (SHARE_SPACE_MAX, SAVE_SPACE_MAX). Units are
 * binary: 1 KB = 1024 bytes.
 */
public record StorageQuota(long amount, Unit unit) {

    public enum Unit {
        KB(1L << 10), MB(1L << 20), GB(1L << 30), TB(1L << 40);

        final long bytes;

        Unit(long bytes) {
            this.bytes = bytes;
        }
    }

    public static final StorageQuota ONE_GB = new StorageQuota(1, Unit.GB);

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})\\s*(KB|MB|GB|TB)");

    public static Optional<StorageQuota> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        Unit unit = Unit.valueOf(m.group(2));
        if (amount > Long.MAX_VALUE / unit.bytes) {
            return Optional.empty(); // more bytes than a long holds: bytes() would overflow
        }
        return Optional.of(new StorageQuota(amount, unit));
    }

    public long bytes() {
        return Math.multiplyExact(amount, unit.bytes);
    }

    @Override
    public String toString() {
        return amount + unit.name();
    }
}
