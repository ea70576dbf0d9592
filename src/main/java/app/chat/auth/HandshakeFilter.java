package app.chat.auth;

import app.chat.logging.RefusalLog;
import app.chat.protection.Limits;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Guards the WebSocket handshake. A {@code Configurator} cannot answer with an HTTP status, so bad
 * tokens and foreign origins are refused here, before the upgrade, and no socket is ever opened for
 * them. The verified user travels on as the request's principal.
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(HandshakeFilter.class.getName());

    /** What a refused token is told, here and when a connection renews its token: never why. */
    public static final String INVALID_TOKEN = "invalid or missing token";

    @Inject
    Authentication authentication;

    @Inject
    Limits limits;

    @Inject
    RefusalLog refusalLog;

    @Inject
    MetricRegistry metrics;

    private Counter accepted;
    private Counter refusedRate;
    private Counter refusedOrigin;
    private Counter refusedToken;

    @Override
    public void init() {
        Metadata handshakes = Metadata.builder()
                .withName("chat.handshakes")
                .withDescription("WebSocket handshakes, accepted or refused before the upgrade (by reason)")
                .build();
        accepted = metrics.counter(handshakes, new Tag("outcome", "accepted"));
        refusedRate = metrics.counter(handshakes, new Tag("outcome", "refused_rate"));
        refusedOrigin = metrics.counter(handshakes, new Tag("outcome", "refused_origin"));
        refusedToken = metrics.counter(handshakes, new Tag("outcome", "refused_token"));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!limits.handshakes().tryAcquire(request.getRemoteAddr())) {
            refusedRate.inc();
            refusalLog.handshakeRefused("rate", request.getRemoteAddr());
            response.setHeader("Retry-After", "1");
            refuse(response, 429, "too many connection attempts from this address");
            return;
        }
        if (!authentication.originPolicy().permits(request.getHeader("Origin"), request.getHeader("Host"))) {
            LOG.log(Level.FINE, "Handshake refused: origin {0} not allowed", request.getHeader("Origin"));
            refusedOrigin.inc();
            refusalLog.handshakeRefused("origin", request.getRemoteAddr());
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "origin not allowed");
            return;
        }
        try {
            authentication.verify(HandshakeCredentials.token(servletHandshake(request))
                    .orElseThrow(() -> new TokenRejected("no token")));
        } catch (TokenRejected e) {
            // The reason never contains the token itself.
            LOG.log(Level.FINE, "Handshake refused from {0}: {1}", new Object[] {request.getRemoteAddr(), e.getMessage()
            });
            refusedToken.inc();
            refusalLog.handshakeRefused("token", request.getRemoteAddr());
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, INVALID_TOKEN);
            return;
        }
        accepted.inc();
        // The user is not handed on as the request's principal: Open Liberty closes secure sockets
        // that carry one (1008) when the handshake's HTTP session times out. The endpoint's
        // configurator verifies the token again, from the cache this verification just filled.
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(reason);
    }

    static HandshakeCredentials.Handshake servletHandshake(HttpServletRequest request) {
        return new HandshakeCredentials.Handshake() {
            @Override
            public List<String> header(String lowerCaseName) {
                return Collections.list(request.getHeaders(lowerCaseName));
            }

            @Override
            public List<String> parameter(String name) {
                String[] values = request.getParameterValues(name);
                return values == null ? List.of() : Arrays.asList(values);
            }
        };
    }
}
