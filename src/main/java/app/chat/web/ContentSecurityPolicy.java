package app.chat.web;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The page's Content-Security-Policy: scripts only from this server (the strongest second line of
 * defence should hostile content ever slip past the sanitiser), and connections, frames and form
 * posts only to this server and to the configured single sign-on's origins ({@link SignInOrigins}),
 * whatever their scheme (internal Keycloaks often speak plain http). Inline styles are needed by the
 * virtualised message list. No page may be framed, but for the sign-in callback by the page itself.
 */
final class ContentSecurityPolicy {

    /** A Host header that can safely be written into the policy: a name or address and a port. */
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](?::[0-9]{1,5})?");

    private ContentSecurityPolicy() {}

    /**
     * @param host the request's Host header: the socket is opened there, as ws: or wss: (CSP's
     *             'self' does not cover WebSocket schemes in every browser)
     * @param signInOrigins the single sign-on's origins, each made by {@link #origin}
     * @param framedBySelf whether the page may be framed by this server's own pages: only the
     *             sign-in callback, which a silent token renewal loads in a hidden frame
     */
    static String forPage(String host, Collection<String> signInOrigins, boolean framedBySelf) {
        String socket = host != null && HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
        String signIn =
                signInOrigins.stream().sorted().map(origin -> " " + origin).collect(Collectors.joining());
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self'" + socket + signIn + "; frame-src 'self'" + signIn + "; "
                + "frame-ancestors " + (framedBySelf ? "'self'" : "'none'") + "; base-uri 'self'; "
                + "form-action 'self'" + signIn + "; object-src 'none'";
    }

    /** scheme://host[:port] of an http(s) URL, or empty for anything that is not one. */
    static Optional<String> origin(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || !HOST.matcher(uri.getHost()).matches()) {
                return Optional.empty();
            }
            return Optional.of(scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
