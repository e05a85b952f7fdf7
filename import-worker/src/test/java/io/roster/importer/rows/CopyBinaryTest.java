package io.roster.importer.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The binary COPY layout, byte for byte, against a reference written field by field with {@link DataOutputStream}. */
class CopyBinaryTest {

    private static final UUID ID = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    @Test
    void aRowIsItsFieldCountThenEachFieldsLengthAndBytesNullsAsMinusOne() throws IOException {
        byte[] written = new CopyBinary(1).row(6).uuid(ID).bigint(-2L).uuid(null).text("Léo\tO'Hara \"x\" \\")
                .text(null).bool(true).toByteArray();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeShort(6);
        out.writeInt(16);
        out.writeLong(ID.getMostSignificantBits());
        out.writeLong(ID.getLeastSignificantBits());
        out.writeInt(8);
        out.writeLong(-2L);
        out.writeInt(-1);
        byte[] text = "Léo\tO'Hara \"x\" \\".getBytes(StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
        out.writeInt(-1);
        out.writeInt(1);
        out.writeByte(1);
        assertThat(written).isEqualTo(expected.toByteArray());
    }

    @Test
    void aTextArrayHasItsHeaderThenEachElementNullsFlagged() throws IOException {
        byte[] written = new CopyBinary(8).row(1).textArray(new String[] {"a", null, "été"}).toByteArray();

        ByteArrayOutputStream array = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(array);
        a.writeInt(1); // dimensions
        a.writeInt(1); // has nulls
        a.writeInt(25); // text
        a.writeInt(3); // elements
        a.writeInt(1); // lower bound
        a.writeInt(1);
        a.write('a');
        a.writeInt(-1);
        byte[] ete = "été".getBytes(StandardCharsets.UTF_8);
        a.writeInt(ete.length);
        a.write(ete);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeShort(1);
        out.writeInt(array.size());
        array.writeTo(out);
        assertThat(written).isEqualTo(expected.toByteArray());
    }

    @Test
    void anArrayWithoutElementsIsTheEmptyArrayAndAFullOneFlagsNoNulls() throws IOException {
        byte[] empty = new CopyBinary(0).textArray(new String[0]).toByteArray();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeInt(12);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(25);
        assertThat(empty).isEqualTo(expected.toByteArray());

        byte[] full = new CopyBinary(0).textArray(new String[] {"x"}).toByteArray();
        assertThat(full[7]).as("one dimension").isEqualTo((byte) 1);
        assertThat(full[11]).as("the has-nulls flag's low byte").isZero();
    }

    @Test
    void theBufferGrowsPastItsFirstCapacity() {
        CopyBinary copy = new CopyBinary(1);
        String cell = "x".repeat(10_000);
        for (int i = 0; i < 50; i++) {
            copy.row(1).text(cell);
        }
        assertThat(copy.toByteArray()).hasSize(50 * (2 + 4 + 10_000));
    }
}
