package app.chat.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the bearer token in a WebSocket handshake. Browsers cannot set headers on a WebSocket, so
 * besides {@code Authorization: Bearer} the token may come as the {@code token} query parameter or
 * as the {@code bearer.<jwt>} entry of {@code Sec-WebSocket-Protocol}, offered next to {@code chat.v2} or
 * {@code chat.v1}.
 */
public final class HandshakeCredentials {

    static final String SUBPROTOCOL_TOKEN_PREFIX = "bearer.";
    static final String QUERY_PARAMETER = "token";

    /** Read access to a handshake request, whichever API carries it (servlet or WebSocket). */
    public interface Handshake {
        /** All values of a header; the name is given in lower case. */
        List<String> header(String lowerCaseName);

        List<String> parameter(String name);
    }

    private HandshakeCredentials() {}

    public static Optional<String> token(Handshake handshake) {
        for (String value : handshake.header("authorization")) {
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return nonBlank(value.substring(7).strip());
            }
        }
        for (String protocol : offeredSubprotocols(handshake.header("sec-websocket-protocol"))) {
            if (protocol.toLowerCase(Locale.ROOT).startsWith(SUBPROTOCOL_TOKEN_PREFIX)) {
                return nonBlank(protocol.substring(SUBPROTOCOL_TOKEN_PREFIX.length()));
            }
        }
        return handshake.parameter(QUERY_PARAMETER).stream().findFirst().flatMap(HandshakeCredentials::nonBlank);
    }

    /** Containers hand the header over either as one comma-separated value or as several values. */
    public static List<String> offeredSubprotocols(List<String> headerValues) {
        return headerValues.stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(protocol -> !protocol.isEmpty())
                .toList();
    }

    private static Optional<String> nonBlank(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
