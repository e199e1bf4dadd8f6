package dev.composeguard.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe between two threads made of whole chunks (the attach stream's frames): at most {@code capacity}
 * chunks are in flight, so memory stays bounded. Unlike {@code PipedInputStream} it does not fail when the writing
 * thread ends before the reader has drained it (the engine client writes from threads of its own).
 */
final class ChunkPipe {
    private static final byte[] EOF = new byte[0];
    private final BlockingQueue<byte[]> queue;
    private volatile boolean readerClosed;
    private volatile IOException writerFailure;

    ChunkPipe(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    /** The writing side; {@link OutputStream#close()} marks the end of the data. */
    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    put(java.util.Arrays.copyOfRange(b, off, off + len));
                }
            }

            @Override
            public void close() throws IOException {
                put(EOF);
            }
        };
    }

    /** Ends the data with a failure the reader sees instead of EOF. */
    void fail(IOException e) {
        writerFailure = e;
        queue.offer(EOF);
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                if (readerClosed) {
                    throw new IOException("pipe closed by the reader");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** The reading side; closing it makes further writes fail. */
    InputStream source() {
        return new InputStream() {
            private byte[] chunk;
            private int pos;
            private boolean eof;

            @Override
            public int read() throws IOException {
                return ReadThroughInputStream.readOne(this);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (!eof && (chunk == null || pos == chunk.length)) {
                    try {
                        chunk = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                    pos = 0;
                    if (chunk == EOF) {
                        eof = true;
                    }
                }
                if (eof) {
                    if (writerFailure != null) {
                        throw writerFailure;
                    }
                    return -1;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void close() {
                readerClosed = true;
                queue.clear();
            }
        };
    }
}
