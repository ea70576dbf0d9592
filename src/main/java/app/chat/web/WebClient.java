package app.chat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Serves the web client. Its routes ({@code /rooms/general}, {@code /dm/alice},
 * {@code /auth/callback}) all answer with index.html, into which a {@code <base href>} for the
 * context root is written so the bundle's relative asset paths resolve on any deep link. Hashed
 * assets are cached for good; the page itself never is, so a deployment takes effect at once.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class WebClient extends HttpFilter {

    /** The page itself and everything under the client's own route prefixes. */
    private static final Pattern CLIENT_ROUTE = Pattern.compile("/(?:index\\.html)?|/(?:rooms|dm|auth)(?:/.*)?");

    private static final String INDEX = "/index.html";

    /** The sign-in callback: the only page a silent token renewal loads in a hidden frame. */
    private static final Pattern CALLBACK = Pattern.compile("/auth/callback/?");

    @Inject
    SignInOrigins signInOrigins;

    private volatile String index;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (read && CLIENT_ROUTE.matcher(path).matches()) {
            servePage(request, response);
            return;
        }
        if (read && path.startsWith("/assets/")) {
            // File names carry a content hash: a changed file is a new name.
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        }
        chain.doFilter(request, response);
    }

    private void servePage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String page = page();
        if (page == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "the web client is not part of this build");
            return;
        }
        String base = request.getContextPath() + "/";
        byte[] body = page.replace("<head>", "<head>\n    <base href=\"" + base + "\" />")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader(
                "Content-Security-Policy",
                ContentSecurityPolicy.forPage(
                        request.getHeader("Host"),
                        signInOrigins.current(),
                        CALLBACK.matcher(path).matches()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private String page() throws IOException {
        String cached = index;
        if (cached == null) {
            try (InputStream in = getServletContext().getResourceAsStream(INDEX)) {
                if (in == null) {
                    return null;
                }
                cached = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                index = cached;
            }
        }
        return cached;
    }
}
