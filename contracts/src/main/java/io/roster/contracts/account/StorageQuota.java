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
        String trimmed = text.trim();
        long amount;
        Unit unit;
        if (isAscii(trimmed)) {
            // FORMAT by hand: every quota cell of an import comes here, and the match cost more than the reading
            int i = 0;
            amount = 0;
            while (i < trimmed.length() && i < 13 && trimmed.charAt(i) >= '0' && trimmed.charAt(i) <= '9') {
                amount = amount * 10 + (trimmed.charAt(i++) - '0');
            }
            if (i == 0 || i > 12) {
                return Optional.empty();
            }
            while (i < trimmed.length() && " \t\n\u000B\f\r".indexOf(trimmed.charAt(i)) >= 0) {
                i++;
            }
            if (trimmed.length() - i != 2) {
                return Optional.empty();
            }
            unit = unit(Character.toUpperCase(trimmed.charAt(i)), Character.toUpperCase(trimmed.charAt(i + 1)));
            if (unit == null) {
                return Optional.empty();
            }
        } else {
            Matcher m = FORMAT.matcher(trimmed.toUpperCase(Locale.ROOT));
            if (!m.matches()) {
                return Optional.empty();
            }
            amount = Long.parseLong(m.group(1));
            unit = Unit.valueOf(m.group(2));
        }
        if (amount > Long.MAX_VALUE / unit.bytes) {
            return Optional.empty(); // more bytes than a long holds: bytes() would overflow
        }
        return Optional.of(new StorageQuota(amount, unit));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static Unit unit(char first, char second) {
        if (second != 'B') {
            return null;
        }
        return switch (first) {
            case 'K' -> Unit.KB;
            case 'M' -> Unit.MB;
            case 'G' -> Unit.GB;
            case 'T' -> Unit.TB;
            default -> null;
        };
    }

    public long bytes() {
        return Math.multiplyExact(amount, unit.bytes);
    }

    @Override
    public String toString() {
        return amount + unit.name();
    }
}
