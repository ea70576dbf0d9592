package app.chat.auth;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open a WebSocket with a user's browser. Browsers send cookies and let any page
 * connect anywhere, so without this check a hostile site could ride a user's session (cross-site
 * WebSocket hijacking). Handshakes without an {@code Origin} come from non-browser clients and are
 * judged by their token alone.
 */
public final class OriginPolicy {

    private final Set<String> allowed;
    private final boolean allowAll;

    /** @param allowed exact origins such as {@code https://chat.example.com}; {@code *} allows every origin */
    public OriginPolicy(Set<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
        this.allowAll = this.allowed.contains("*");
    }

    /**
     * Whether a browser page from {@code origin} may open the socket.
     *
     * @param origin the {@code Origin} header, or null when absent
     * @param host   the {@code Host} header the browser sent, used for the same-origin rule
     */
    public boolean permits(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalised = normalise(origin);
        if (allowAll || allowed.contains(normalised)) {
            return true;
        }
        return host != null && sameOrigin(normalised, host);
    }

    private static boolean sameOrigin(String origin, String host) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return false;
        }
        int defaultPort = switch (uri.getScheme()) {
            case "https", "wss" -> 443;
            case "http", "ws" -> 80;
            default -> -1;
        };
        if (defaultPort < 0) {
            return false;
        }
        int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
        URI hostUri;
        try {
            hostUri = URI.create("//" + host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (hostUri.getHost() == null) {
            return false;
        }
        int hostPort = hostUri.getPort() < 0 ? defaultPort : hostUri.getPort();
        return hostUri.getHost().equalsIgnoreCase(uri.getHost()) && hostPort == originPort;
    }

    private static String normalise(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
