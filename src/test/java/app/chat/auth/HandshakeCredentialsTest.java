package app.chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeCredentialsTest {

    private static HandshakeCredentials.Handshake handshake(
            Map<String, List<String>> headers, Map<String, List<String>> parameters) {
        return new HandshakeCredentials.Handshake() {
            @Override
            public List<String> header(String lowerCaseName) {
                return headers.getOrDefault(lowerCaseName, List.of());
            }

            @Override
            public List<String> parameter(String name) {
                return parameters.getOrDefault(name, List.of());
            }
        };
    }

    @Test
    void readsTheAuthorizationHeader() {
        var request = handshake(Map.of("authorization", List.of("Bearer abc.def.ghi")), Map.of());
        assertEquals(Optional.of("abc.def.ghi"), HandshakeCredentials.token(request));
    }

    @Test
    void schemeIsCaseInsensitive() {
        var request = handshake(Map.of("authorization", List.of("bearer abc")), Map.of());
        assertEquals(Optional.of("abc"), HandshakeCredentials.token(request));
    }

    @Test
    void readsTheSubprotocolEntryWhenOfferedAsOneHeaderValue() {
        var request = handshake(Map.of("sec-websocket-protocol", List.of("chat.v1, bearer.abc.def.ghi")), Map.of());
        assertEquals(Optional.of("abc.def.ghi"), HandshakeCredentials.token(request));
    }

    @Test
    void readsTheSubprotocolEntryWhenOfferedAsSeveralHeaderValues() {
        var request = handshake(Map.of("sec-websocket-protocol", List.of("chat.v1", "bearer.xyz")), Map.of());
        assertEquals(Optional.of("xyz"), HandshakeCredentials.token(request));
    }

    @Test
    void readsTheQueryParameter() {
        var request = handshake(Map.of(), Map.of("token", List.of("q.r.s")));
        assertEquals(Optional.of("q.r.s"), HandshakeCredentials.token(request));
    }

    @Test
    void findsNothingWhenNoCarrierIsUsed() {
        var request = handshake(
                Map.of("authorization", List.of("Basic dXNlcjpwYXNz"), "sec-websocket-protocol", List.of("chat.v1")),
                Map.of("token", List.of("")));
        assertEquals(Optional.empty(), HandshakeCredentials.token(request));
    }

    @Test
    void splitsOfferedSubprotocols() {
        assertEquals(
                List.of("chat.v1", "bearer.x", "other"),
                HandshakeCredentials.offeredSubprotocols(List.of("chat.v1 ,bearer.x", " other ")));
    }
}
