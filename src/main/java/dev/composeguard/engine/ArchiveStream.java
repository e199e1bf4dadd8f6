package dev.composeguard.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A container archive ({@code GET /containers/ID/archive}) on a connection of its own to a local unix socket, so that
 * cancelling it (Ctrl-C) is closing that socket: immediate. docker-java's transport cannot do that: closing its
 * stream reads the rest of the body first (a whole volume), and the engine keeps the helper container locked, so it
 * cannot be removed either, until the archive has been read to its end. HTTP/1.0: the body is the rest of the
 * connection, no chunking.
 */
final class ArchiveStream {
    private ArchiveStream() {
    }

    /** Opens the archive of {@code path} in container {@code id}; the stream's close() drops the connection at once. */
    static InputStream open(Path socket, String id, String path) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(java.net.UnixDomainSocketAddress.of(socket));
            String req = "GET /containers/" + enc(id) + "/archive?path=" + enc(path) + " HTTP/1.0\r\nHost: docker\r\n"
                    + "User-Agent: compose-guard\r\n\r\n";
            write(ch, ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(ch);
            expect(in, "200", "the archive of " + path);
            return in;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Extracts the tar {@code in} into {@code path} of container {@code id} ({@code PUT /containers/ID/archive}),
     * streamed in 256 KiB chunks (HTTP/1.1 chunked: the length is not known before the end).
     */
    static void put(Path socket, String id, String path, InputStream in) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(socket));
            String req = "PUT /containers/" + enc(id) + "/archive?path=" + enc(path) + " HTTP/1.1\r\nHost: docker\r\n"
                    + "User-Agent: compose-guard\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n";
            write(ch, ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
            byte[] buf = new byte[256 * 1024 + 16];
            int n;
            while ((n = in.readNBytes(buf, 10, 256 * 1024)) > 0) {
                // "%05x\r\n" needs at most 7 bytes before the data; the chunk header is right-aligned into 10
                byte[] head = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                int start = 10 - head.length;
                System.arraycopy(head, 0, buf, start, head.length);
                buf[10 + n] = '\r';
                buf[11 + n] = '\n';
                write(ch, ByteBuffer.wrap(buf, start, head.length + n + 2));
            }
            write(ch, ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            expect(Channels.newInputStream(ch), "2", "the extraction into " + path);
        }
    }

    private static void write(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads the status line and headers, byte by byte (they are short), up to the empty line. */
    /**
     * Reads the response head; unless its status code starts with {@code status}, throws with the status line and the
     * start of the engine's explanation. The stream is then at the body.
     */
    private static void expect(InputStream in, String status, String what) throws IOException {
        String head = head(in);
        String line = head.substring(0, Math.max(0, head.indexOf("\r\n")));
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[1].startsWith(status)) {
            String body = new String(in.readNBytes(2000), StandardCharsets.UTF_8).trim().replace('\n', ' ');
            throw new IOException("the engine answered " + line + " to " + what + ": " + body);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the engine closed the connection before answering");
            }
            b.write(c);
            state = c == '\r' && (state == 0 || state == 2) ? state + 1 : c == '\n' && (state == 1 || state == 3)
                    ? state + 1 : c == '\r' ? 1 : 0;
            if (b.size() > 64 * 1024) {
                throw new IOException("the engine sent an oversized answer header");
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
