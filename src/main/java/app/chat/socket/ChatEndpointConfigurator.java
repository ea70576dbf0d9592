package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.auth.Authentication;
import app.chat.auth.HandshakeCredentials;
import app.chat.auth.TokenRejected;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Hands the authenticated user from the handshake to the endpoint and settles the subprotocol.
 * The token was already verified by {@link app.chat.auth.HandshakeFilter}, which refused bad ones
 * with 401; when a container does not pass the filter's principal through, the token is verified
 * again here, and a connection without a user is closed as soon as it opens.
 */
public class ChatEndpointConfigurator extends ServerEndpointConfig.Configurator {

    static final String USER_PROPERTY = AuthenticatedUser.class.getName();
    /** The handshake's {@code after} parameter: resume from this cursor before any live event. */
    static final String RESUME_PROPERTY = "chat.resume-after";

    private volatile EndpointBeans endpointBeans;
    private volatile Authentication authentication;

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        AuthenticatedUser user = verified(request);
        // Per connection since WebSocket 2.1: the map is copied into the new session's properties.
        if (user != null) {
            config.getUserProperties().put(USER_PROPERTY, user);
        } else {
            config.getUserProperties().remove(USER_PROPERTY);
        }
        List<String> after = request.getParameterMap().getOrDefault("after", List.of());
        if (after.isEmpty()) {
            config.getUserProperties().remove(RESUME_PROPERTY);
        } else {
            config.getUserProperties().put(RESUME_PROPERTY, after.get(0));
        }
    }

    /**
     * Builds the endpoint with the application's beans handed in. Left to the container, every
     * connection got its own CDI injection target and creational context: about 1.5 KB of heap per
     * connection and 8 % of a handshake's CPU on Payara (BENCHMARKS.md).
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != ChatEndpoint.class) {
            return super.getEndpointInstance(endpointClass);
        }
        EndpointBeans beans = endpointBeans;
        if (beans == null) {
            CDI<Object> cdi = CDI.current();
            beans = new EndpointBeans(
                    cdi.select(Admission.class).get(),
                    cdi.select(RequestRouter.class).get(),
                    cdi.select(Connections.class).get());
            endpointBeans = beans;
        }
        return endpointClass.cast(new ChatEndpoint(beans.admission(), beans.router(), beans.connections()));
    }

    private Authentication authentication() {
        Authentication found = authentication;
        if (found == null) {
            found = CDI.current().select(Authentication.class).get();
            authentication = found;
        }
        return found;
    }

    /** Client proxies of application-scoped beans: safe to share between all connections. */
    private record EndpointBeans(Admission admission, RequestRouter router, Connections connections) {}

    /** Answers {@code chat.v2} or {@code chat.v1}, as offered; never echoes the {@code bearer.<jwt>} entry. */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return Framing.negotiate(HandshakeCredentials.offeredSubprotocols(requested));
    }

    /**
     * The handshake filter verified the token before the upgrade; this reads it again (the
     * verification is cached) rather than have the filter pass the user as the request's principal,
     * which would make Open Liberty close the socket when its HTTP session times out.
     */
    private AuthenticatedUser verified(HandshakeRequest request) {
        Map<String, List<String>> headers = request.getHeaders();
        Map<String, List<String>> parameters = request.getParameterMap();
        HandshakeCredentials.Handshake handshake = new HandshakeCredentials.Handshake() {
            @Override
            public List<String> header(String lowerCaseName) {
                return headers.entrySet().stream()
                        .filter(entry -> entry.getKey().equalsIgnoreCase(lowerCaseName))
                        .flatMap(entry -> entry.getValue().stream())
                        .toList();
            }

            @Override
            public List<String> parameter(String name) {
                return parameters.getOrDefault(name, List.of());
            }
        };
        try {
            String token = HandshakeCredentials.token(handshake).orElse(null);
            return token == null ? null : authentication().verify(token);
        } catch (TokenRejected e) {
            return null;
        }
    }
}
