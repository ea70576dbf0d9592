package app.chat.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written against the socket, for what a well-behaved client library will not
 * do: never read what the server sends (with a tiny receive buffer, so the server's bytes pile up
 * on its side), or declare a frame larger than it ever sends.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Opens {@code /ws} with the token as query parameter; the handshake must succeed. */
    public static RawWebSocket open(URL base, String token, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String path = base.getPath() + "ws?token=" + token;
        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return new RawWebSocket(socket);
    }

    /** One masked text frame, as clients must send. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        writeHeader(0x81, payload.length);
        writeMasked(payload);
        out.flush();
    }

    /** The start of a text frame that declares {@code declaredLength} bytes, of which only {@code sent} follow. */
    public void sendTruncatedFrame(long declaredLength, int sent) throws IOException {
        writeHeader(0x81, declaredLength);
        writeMasked(new byte[sent]);
        out.flush();
    }

    private byte[] mask;

    private void writeHeader(int first, long length) throws IOException {
        out.write(first);
        if (length < 126) {
            out.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
        mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(mask);
    }

    private void writeMasked(byte[] payload) throws IOException {
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(masked);
    }

    /** Reads until the server closes the TCP connection (or the timeout passes); true if it did. */
    public boolean awaitEndOfStream(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // discard whatever the server still sends
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** The response head, read byte by byte so that nothing after it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
