package app.chat.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The web client's browser tests (src/main/frontend/e2e: node's test runner, playwright-core driving
 * Debian's Chromium), run as a child process against a server this JVM started; their output goes
 * to the build's.
 */
public final class BrowserTests {

    private static final Path FRONTEND = Path.of("src/main/frontend");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final long MINUTES = 10;

    private BrowserTests() {}

    /**
     * Runs one npm script of the web client and fails unless it passes.
     *
     * @param environment what the tests need to know (CHAT_BASE_URL and the like)
     */
    public static void run(String script, Map<String, String> environment) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install Debian's chromium (.ci/run does)");
        // Output to the build's, but never this JVM's standard input: under Failsafe it is the
        // channel Maven commands the test JVM through, and node makes an inherited stdin
        // non-blocking, which broke that channel ("std/in stream corrupted") when two browser test
        // runs overlapped.
        ProcessBuilder builder = new ProcessBuilder(List.of("npm", "run", script))
                .directory(FRONTEND.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process run = builder.start();
        if (!run.waitFor(MINUTES, TimeUnit.MINUTES)) {
            run.destroyForcibly();
            throw new AssertionError("the browser tests did not finish within " + MINUTES + " minutes");
        }
        assertEquals(0, run.exitValue(), "browser tests failed: see their output above");
    }

    /** The http:// address of a server whose socket is at the given ws:// address. */
    public static String baseUrl(java.net.URI webSocket) {
        return webSocket.toString().replaceFirst("^ws", "http").replaceFirst("ws$", "");
    }
}
