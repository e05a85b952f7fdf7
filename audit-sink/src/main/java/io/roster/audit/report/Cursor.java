package io.roster.audit.report;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page ended: the last entry's (occurred at, id). Opaque to clients (base64url of two longs); the next page
 * is the entries strictly after it in the report's order, found by the index rather than counted past.
 */
record Cursor(Instant occurredAt, long id) {

    String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(20);
        bytes.putLong(occurredAt.getEpochSecond()).putInt(occurredAt.getNano()).putLong(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    static Optional<Cursor> decode(String text) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(text);
            if (raw.length != 20) {
                return Optional.empty();
            }
            ByteBuffer bytes = ByteBuffer.wrap(raw);
            long seconds = bytes.getLong();
            int nanos = bytes.getInt();
            if (nanos < 0 || nanos > 999_999_999) {
                return Optional.empty();
            }
            return Optional.of(new Cursor(Instant.ofEpochSecond(seconds, nanos), bytes.getLong()));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
