package dev.composeguard.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One GET on the engine's unix socket, HTTP/1.1 with {@code Connection: close}, within a time limit: the whole
 * transport of {@link UnixSocketEngine} and of lint's image lookup. The engine answers large bodies chunked; the
 * chunk sizes count bytes, so the body is decoded as bytes before it becomes text.
 */
final class UnixHttp {
    /** A 2xx (or 404) answer. */
    record Response(int status, boolean chunked, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** 404 from the engine. */
    static final class NotFound extends RuntimeException {
        NotFound(String path) {
            super(path);
        }
    }

    private final Path socket;
    private final long timeoutMs;

    UnixHttp(Path socket, long timeoutMs) {
        this.socket = socket;
        this.timeoutMs = timeoutMs;
    }

    Path socket() {
        return socket;
    }

    /** The body of a 2xx answer as text; {@link NotFound} on 404, {@link EngineUnavailableException} otherwise. */
    String get(String path) {
        Response r = exchange(path);
        if (r.status() == 404) {
            throw new NotFound(path);
        }
        return r.text();
    }

    /** One GET; any status other than 2xx and 404 is an {@link EngineUnavailableException}. */
    Response exchange(String path) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            ByteBuffer req = ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: compose-guard\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream resp = new ByteArrayOutputStream();
            try (Selector sel = Selector.open()) {
                ch.register(sel, SelectionKey.OP_WRITE);
                while (req.hasRemaining()) {
                    waitFor(sel, deadline, path);
                    ch.write(req);
                }
                ch.keyFor(sel).interestOps(SelectionKey.OP_READ);
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                while (true) {
                    waitFor(sel, deadline, path);
                    if (ch.read(buf) < 0) {
                        break;
                    }
                    resp.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            return parse(resp.toByteArray(), path);
        } catch (IOException e) {
            throw new EngineUnavailableException("Docker Engine not reachable at unix://" + socket + ": " + e.getMessage(), e);
        }
    }

    private void waitFor(Selector sel, long deadline, String path) throws IOException {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0 || sel.select(left) == 0 && System.currentTimeMillis() >= deadline) {
            throw new EngineUnavailableException("Docker Engine did not answer GET " + path + " within " + timeoutMs + " ms",
                    null);
        }
        sel.selectedKeys().clear();
    }

    /** Status line, headers and body of a whole answer (read until the engine closed the connection). */
    static Response parse(byte[] raw, String path) {
        int end = indexOf(raw, new byte[] {'\r', '\n', '\r', '\n'}, 0);
        if (end < 0) {
            throw malformed(path);
        }
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        String statusLine = head.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(parts.length > 1 ? parts[1] : "");
        } catch (NumberFormatException e) {
            throw malformed(path);
        }
        boolean chunked = head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked");
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        if (chunked) {
            body = unchunk(body, path);
        }
        if (status != 404 && (status < 200 || status > 299)) {
            throw new EngineUnavailableException("Docker Engine answered " + status + " to GET " + path + ": "
                    + new String(body, StandardCharsets.UTF_8).trim().replace('\n', ' '), null);
        }
        return new Response(status, chunked, body);
    }

    /** Chunked transfer coding: hex byte count, CRLF, that many bytes, CRLF … up to a 0 chunk. */
    static byte[] unchunk(byte[] in, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (true) {
            int nl = indexOf(in, new byte[] {'\r', '\n'}, i);
            if (nl < 0) {
                throw malformed(path); // cut off before the last chunk: never parse half a body
            }
            String sizeLine = new String(in, i, nl - i, StandardCharsets.US_ASCII).split(";", 2)[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeLine, 16);
            } catch (NumberFormatException e) {
                throw malformed(path);
            }
            if (size == 0) {
                return out.toByteArray();
            }
            if (size < 0 || nl + 2 + size > in.length) {
                throw malformed(path);
            }
            out.write(in, nl + 2, size);
            i = nl + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] a, byte[] needle, int from) {
        outer:
        for (int i = from; i <= a.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static EngineUnavailableException malformed(String path) {
        return new EngineUnavailableException("Docker Engine sent a malformed answer to GET " + path, null);
    }
}
