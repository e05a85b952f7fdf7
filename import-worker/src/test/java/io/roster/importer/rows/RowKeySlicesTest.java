package io.roster.importer.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A slice's records are stored in values of at most 8,000 rows, in file order, none cut. */
class RowKeySlicesTest {

    @Test
    void aSlicesChunksAreGroupedInOrderIntoValuesUnderTheBound() {
        Random random = new Random(5);
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (int chunk = 0; chunk < 25; chunk++) {
            // chunks of 1,000 rows, the last one shorter: a slice's end
            byte[] part = new byte[(chunk == 24 ? 317 : 1000) * RowKeys.BYTES];
            random.nextBytes(part);
            parts.add(part);
            whole.writeBytes(part);
        }
        List<List<byte[]>> values = RowKeySlices.values(parts, RowKeySlices.VALUE_BYTES);
        assertThat(values).extracting(List::size).containsExactly(8, 8, 8, 1);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (List<byte[]> value : values) {
            assertThat(value.stream().mapToInt(p -> p.length).sum()).isLessThanOrEqualTo(RowKeySlices.VALUE_BYTES);
            value.forEach(joined::writeBytes);
        }
        assertThat(joined.toByteArray()).isEqualTo(whole.toByteArray());
        // read back as hexadecimal text, a value stays under half a 1 MB G1 region
        assertThat(2 + 2 * RowKeySlices.VALUE_BYTES).isLessThan(512 * 1024);
    }

    @Test
    void aPartOverTheBoundIsAValueOfItsOwn() {
        List<List<byte[]>> values = RowKeySlices.values(List.of(new byte[10], new byte[300], new byte[10]), 100);
        assertThat(values).extracting(List::size).containsExactly(1, 1, 1);
        assertThat(RowKeySlices.values(List.of(), 100)).isEmpty();
    }
}
