package io.roster.importer.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A zip entry's bytes inflated on a thread of their own, a few chunks ahead of the parser reading them. Reading a
 * large sheet is the job's thread's work alone (the checks run on a pool), and inflating is about a fifth of it:
 * done here, it runs on the other core meanwhile. The stream under it — POI's, with its zip-bomb checks — is read
 * only by that thread, and whatever it throws (a zip bomb, a damaged entry) is thrown to the reader, the same
 * exception, when the reader comes to the bytes where it happened. At most {@link #CHUNKS_AHEAD} chunks of
 * {@link #CHUNK} bytes wait.
 *
 * <p>Closing it stops the thread and waits for it, without interrupting it (an interrupted channel read would close
 * the zip file's channel under the other parts), so that the package can then be closed.
 */
final class InflatedAhead extends InputStream {

    static final int CHUNK = 1 << 16;

    static final int CHUNKS_AHEAD = 4;

    /** How long a closing reader waits for the thread to end: one chunk's inflating, far less in practice. */
    private static final long STOP_WAIT_MILLIS = 10_000;

    private static final Chunk END = new Chunk(new byte[0], -1, null);

    private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    /** Chunks read through, for the thread to fill again: the buffers are allocated once. */
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 2);
    private final Thread inflating;
    private volatile boolean closed;
    private Chunk current;
    private int position;

    private record Chunk(byte[] bytes, int length, Throwable failure) {
    }

    private InflatedAhead(InputStream entry, String name) {
        this.inflating = new Thread(() -> inflate(entry), "xlsx-inflate " + name);
        this.inflating.setDaemon(true);
    }

    /** Starts inflating {@code entry} (which it then owns, and closes) on a thread of its own. */
    static InflatedAhead start(InputStream entry, String name) {
        InflatedAhead ahead = new InflatedAhead(entry, name);
        ahead.inflating.start();
        return ahead;
    }

    private void inflate(InputStream entry) {
        Chunk last = END;
        try (entry) {
            while (!closed) {
                byte[] buffer = spare.poll();
                if (buffer == null) {
                    buffer = new byte[CHUNK];
                }
                int length = 0;
                try {
                    int n;
                    while (length < CHUNK && (n = entry.read(buffer, length, CHUNK - length)) >= 0) {
                        length += n;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    // the bytes inflated before the failure are the reader's first, then the failure
                    if (length > 0) {
                        hand(new Chunk(buffer, length, null));
                    }
                    throw e;
                }
                if (length > 0 && !hand(new Chunk(buffer, length, null))) {
                    return;
                }
                if (length < CHUNK) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            last = new Chunk(null, -1, e);
        }
        hand(last);
    }

    /** Queues a chunk for the reader; false once the reader has closed. */
    private boolean hand(Chunk chunk) {
        try {
            while (!ready.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public int read() throws IOException {
        if (!hasBytes()) {
            return -1;
        }
        return current.bytes[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!hasBytes()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current.bytes, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Whether there are bytes to read, taking the next chunk when the current one is read through. */
    private boolean hasBytes() throws IOException {
        if (current != null && position < current.length) {
            return true;
        }
        if (current == END) {
            return false;
        }
        if (current != null && current.length == CHUNK) {
            spare.offer(current.bytes);
        }
        current = take();
        position = 0;
        if (current.failure != null) {
            Throwable failure = current.failure;
            current = END;
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) failure;
        }
        return current != END;
    }

    private Chunk take() throws IOException {
        if (closed) {
            throw new IOException("the part's stream is closed");
        }
        try {
            while (true) {
                Chunk chunk = ready.poll(1, TimeUnit.SECONDS);
                if (chunk != null) {
                    return chunk;
                }
                if (!inflating.isAlive() && ready.isEmpty()) {
                    throw new IOException("the part's inflating thread ended without its end");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the workbook", e);
        }
    }

    /** Stops the thread (it closes the entry's stream) and waits for it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ready.clear();
        try {
            inflating.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (inflating.isAlive()) {
            throw new IOException("the workbook's inflating thread did not stop within " + STOP_WAIT_MILLIS + " ms");
        }
    }
}
