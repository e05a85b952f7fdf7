package io.roster.importer.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The upload's multipart reader against commons-fileupload's (which it replaced) as the oracle, on generated forms
 * whose contents are full of near-delimiters, read through streams that hand over a few bytes at a time; and the
 * bodies it refuses.
 */
class MultipartFormTest {

    private record Part(String fieldName, String fileName, byte[] content) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Part p && java.util.Objects.equals(fieldName, p.fieldName)
                    && java.util.Objects.equals(fileName, p.fileName) && Arrays.equals(content, p.content);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return fieldName + "/" + fileName + "/" + content.length + " bytes";
        }
    }

    /**
     * Every part as this reader reads it, its content read in pieces of random sizes; every third part left unread
     * (skipped by the next), its content null.
     */
    private static List<Part> read(byte[] body, String contentType, Random random) throws IOException {
        MultipartForm form = new MultipartForm(new Trickle(body, random), MultipartForm.boundary(contentType));
        List<Part> parts = new ArrayList<>();
        for (MultipartForm.Part part = form.next(); part != null; part = form.next()) {
            if (parts.size() % 3 == 2) {
                parts.add(new Part(part.fieldName(), part.fileName(), null));
                continue;
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            InputStream in = part.content();
            byte[] buffer = new byte[1 + random.nextInt(9000)];
            for (int n; (n = in.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0; ) {
                content.write(buffer, 0, n);
            }
            assertThat(in.read()).isEqualTo(-1);
            parts.add(new Part(part.fieldName(), part.fileName(), content.toByteArray()));
        }
        return parts;
    }

    /** The same parts as commons-fileupload reads them. */
    private static List<Part> oracle(byte[] body, String contentType) throws IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setContentType(contentType);
        request.setContent(body);
        FileItemInputIterator items = new JakartaServletFileUpload<>().getItemIterator(request);
        List<Part> parts = new ArrayList<>();
        while (items.hasNext()) {
            FileItemInput item = items.next();
            try (InputStream in = item.getInputStream()) {
                parts.add(new Part(item.getFieldName(), item.isFormField() ? null : item.getName(),
                        in.readAllBytes()));
            }
        }
        return parts;
    }

    /** A stream handing over 1 to a few thousand bytes a read. */
    private static final class Trickle extends ByteArrayInputStream {
        private final Random random;

        Trickle(byte[] bytes, Random random) {
            super(bytes);
            this.random = random;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int most = random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(5000);
            return super.read(b, off, Math.min(len, most));
        }
    }

    private static String boundary(Random random) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'()+_,./:=?";
        StringBuilder boundary = new StringBuilder();
        int length = 1 + random.nextInt(70);
        for (int i = 0; i < length; i++) {
            boundary.append(chars.charAt(random.nextInt(chars.length())));
        }
        return boundary.toString();
    }

    /** Content made to look like the delimiter as often as possible without being it. */
    private static byte[] content(Random random, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(10);
            case 1 -> random.nextInt(200_000); // over the reader's 64 KB buffer
            default -> random.nextInt(20_000);
        };
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        while (out.size() < size) {
            switch (random.nextInt(6)) {
                case 0 -> out.write(delimiter, 0, random.nextInt(delimiter.length)); // a delimiter cut short
                case 1 -> out.writeBytes("\r\n--".getBytes(StandardCharsets.ISO_8859_1));
                case 2 -> out.write(random.nextBoolean() ? '\r' : '\n');
                case 3 -> out.write(boundary.charAt(random.nextInt(boundary.length())));
                default -> {
                    byte[] noise = new byte[random.nextInt(300)];
                    random.nextBytes(noise);
                    out.writeBytes(noise);
                }
            }
        }
        byte[] bytes = out.toByteArray();
        // never the whole delimiter: where one appears, its last byte is changed
        for (int at = indexOf(bytes, delimiter, 0); at >= 0; at = indexOf(bytes, delimiter, at)) {
            bytes[at + delimiter.length - 1] ^= 0x01;
        }
        return bytes;
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= bytes.length; i++) {
            if (bytes[i] == pattern[0] && Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void readsWhatCommonsFileuploadReadsOnGeneratedForms() throws IOException {
        for (int seed = 0; seed < 100; seed++) {
            Random random = new Random(seed);
            String boundary = boundary(random);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (random.nextBoolean()) {
                body.writeBytes("a preamble a client may send\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            int parts = 1 + random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                body.writeBytes(((p == 0 && body.size() == 0 ? "" : "\r\n") + "--" + boundary + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                String disposition = switch (random.nextInt(4)) {
                    case 0 -> "form-data; name=\"mode\"";
                    case 1 -> "form-data; name=\"file\"; filename=\"users " + seed + ".csv\"";
                    case 2 -> "form-data;name=file;filename=\"C:\\Users\\ada\\users é.xlsx\"";
                    default -> "form-data; filename=\"say \\\"hi\\\".csv\"; name=\"other\"";
                };
                body.writeBytes(("Content-Disposition: " + disposition + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (random.nextBoolean()) {
                    body.writeBytes("Content-Type: text/csv\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                body.writeBytes(content(random, boundary));
            }
            body.writeBytes(("\r\n--" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1));
            if (random.nextBoolean()) {
                body.writeBytes("\r\nan epilogue\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            String contentType = "multipart/form-data; boundary=" + (boundary.matches("[A-Za-z0-9'+_\\-.]+")
                    && random.nextBoolean() ? boundary : "\"" + boundary + "\"");

            List<Part> expected = oracle(body.toByteArray(), contentType);
            List<Part> actual = read(body.toByteArray(), contentType, random);
            assertThat(actual).as("seed %d", seed).hasSameSizeAs(expected);
            for (int p = 0; p < actual.size(); p++) {
                Part part = actual.get(p);
                assertThat(part.content() == null ? new Part(part.fieldName(), part.fileName(),
                        expected.get(p).content()) : part).as("seed %d, part %d", seed, p).isEqualTo(expected.get(p));
            }
            assertThat(readAll(body.toByteArray(), contentType, new Random(seed * 31L))).as("seed %d", seed)
                    .containsExactlyElementsOf(expected);
        }
    }

    /** Every part, each read whole. */
    private static List<Part> readAll(byte[] body, String contentType, Random random) throws IOException {
        MultipartForm form = new MultipartForm(new Trickle(body, random), MultipartForm.boundary(contentType));
        List<Part> parts = new ArrayList<>();
        for (MultipartForm.Part part = form.next(); part != null; part = form.next()) {
            parts.add(new Part(part.fieldName(), part.fileName(), part.content().readAllBytes()));
        }
        return parts;
    }

    private static List<Part> readAll(String body, String boundary) throws IOException {
        return readAll(body.getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=" + boundary,
                new Random(1));
    }

    @Test
    void aPartsContentEndsOnceTheFormMovedOn() throws IOException {
        MultipartForm form = new MultipartForm(new ByteArrayInputStream(("--b\r\nContent-Disposition: form-data;"
                + " name=\"a\"\r\n\r\nfirst\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\""
                + "\r\n\r\nsecond\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII)), "b");
        MultipartForm.Part first = form.next();
        assertThat(first.isFile()).isFalse();
        assertThat(first.content().read()).isEqualTo('f');
        MultipartForm.Part second = form.next();
        assertThat(first.content().read()).isEqualTo(-1);
        assertThat(second.fieldName()).isEqualTo("file");
        assertThat(second.fileName()).isEqualTo("f.csv");
        assertThat(new String(second.content().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("second");
        assertThat(form.next()).isNull();
        assertThat(form.next()).isNull();
    }

    @Test
    void blanksAfterABoundaryAndFoldedHeadersAreRead() throws IOException {
        assertThat(readAll("--b \t\r\nContent-Disposition: form-data;\r\n name=\"file\"; filename=\"f.csv\"\r\n\r\n"
                + "x\r\n--b--", "b")).containsExactly(new Part("file", "f.csv", "x".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void refusesBodiesThatAreNotTheMultipartTheySay() {
        assertThatThrownBy(() -> MultipartForm.boundary("multipart/form-data"))
                .isInstanceOf(MultipartForm.MalformedException.class).hasMessageContaining("boundary");
        assertThatThrownBy(() -> MultipartForm.boundary("multipart/form-data; boundary=" + "x".repeat(71)))
                .isInstanceOf(MultipartForm.MalformedException.class);
        assertThatThrownBy(() -> readAll("just some bytes", "b"))
                .isInstanceOf(MultipartForm.MalformedException.class).hasMessageContaining("no multipart boundary");
        // cut: the file's content has no end
        assertThatThrownBy(() -> readAll("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\n"
                + "a,b,c\r\n1,2", "b")).isInstanceOf(MultipartForm.MalformedException.class)
                .hasMessageContaining("without a closing boundary");
        assertThatThrownBy(() -> readAll("--b\r\nContent-Disposition: form-data; name=\"file\"", "b"))
                .isInstanceOf(MultipartForm.MalformedException.class).hasMessageContaining("headers");
        assertThatThrownBy(() -> readAll("--b\r\nX-Long: " + "y".repeat(MultipartForm.HEADERS_MAX) + "\r\n\r\n", "b"))
                .isInstanceOf(MultipartForm.MalformedException.class).hasMessageContaining("more than");
        assertThatThrownBy(() -> readAll("--bad\r\n\r\nx\r\n--b--", "b"))
                .isInstanceOf(MultipartForm.MalformedException.class);
        assertThatThrownBy(() -> readAll("--b\r\n\r\nx\r\n--bX\r\n", "b"))
                .isInstanceOf(MultipartForm.MalformedException.class).hasMessageContaining("followed by");
    }
}
