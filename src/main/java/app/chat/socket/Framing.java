package app.chat.socket;

import java.util.List;

/**
 * How a connection's events are put into frames, as its client chose with the subprotocol it
 * offered (docs/protocol.md, "Framing"). Requests are one per frame either way.
 */
public enum Framing {
    /** {@code chat.v1}: one event per frame. */
    SINGLE,
    /**
     * {@code chat.v2}: the events waiting for the connection when a frame is written leave in that
     * one frame, one JSON object per line. JSON text as the server writes it never holds a raw line
     * break, so the line break is an unambiguous separator. The container's work is per frame, and
     * a client that is behind catches up with fewer of them.
     */
    LINES;

    public static final String V1 = "chat.v1";
    public static final String V2 = "chat.v2";

    /** A frame of lines holds at most this many characters (a single larger event goes alone). */
    static final int MAX_LINES_CHARS = 64 * 1024;

    /** The subprotocol to answer: chat.v2 when offered, else chat.v1 when offered, else none (""). */
    static String negotiate(List<String> offered) {
        if (offered.contains(V2)) {
            return V2;
        }
        return offered.contains(V1) ? V1 : "";
    }

    /** The framing of a session whose handshake settled on {@code subprotocol} (null or "" for none). */
    static Framing of(String subprotocol) {
        return V2.equals(subprotocol) ? LINES : SINGLE;
    }
}
