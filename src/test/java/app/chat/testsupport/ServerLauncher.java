package app.chat.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How to start one of the two servers the product runs on with the built WAR, as a child process:
 * the command and the environment it needs besides the product's own variables.
 */
interface ServerLauncher {

    String name();

    List<String> command(Path war, int port) throws IOException;

    Map<String, String> environment(int port);

    /** The server the integration tests run on: {@code -Dchat.test.server=liberty} or Payara Micro. */
    static ServerLauncher configured() {
        return "liberty".equals(System.getProperty("chat.test.server")) ? new Liberty() : new PayaraMicro();
    }

    /** Payara Micro from the jar the build copied (payara.microJar), with its own root directory. */
    final class PayaraMicro implements ServerLauncher {
        @Override
        public String name() {
            return "Payara Micro";
        }

        @Override
        public List<String> command(Path war, int port) throws IOException {
            return List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    System.getProperty("payara.microJar"),
                    "--deploy",
                    war.toString(),
                    "--contextroot",
                    "/",
                    "--port",
                    String.valueOf(port),
                    "--nocluster",
                    "--rootdir",
                    Files.createTempDirectory("payara-root-").toString());
        }

        @Override
        public Map<String, String> environment(int port) {
            return Map.of();
        }
    }

    /**
     * Open Liberty from the runtime the build unpacked (liberty.home), with a server of its own: a
     * copy of the server the build configured (liberty.server.dir: server.xml and the JDBC driver)
     * in a fresh user directory, the WAR at the context root, the port from PORT as in production.
     */
    final class Liberty implements ServerLauncher {
        @Override
        public String name() {
            return "Open Liberty";
        }

        @Override
        public List<String> command(Path war, int port) throws IOException {
            Path configured = Path.of(System.getProperty("liberty.server.dir"));
            Path server = Files.createDirectories(Path.of(userDir(port)).resolve("servers/chat"));
            Files.copy(
                    configured.resolve("server.xml"),
                    server.resolve("server.xml"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(server.resolve("lib"));
            try (Stream<Path> drivers = Files.list(configured.resolve("lib"))) {
                for (Path driver : drivers.toList()) {
                    Files.copy(
                            driver,
                            server.resolve("lib").resolve(driver.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path overrides = Files.createDirectories(server.resolve("configDropins/overrides"));
            Files.writeString(
                    overrides.resolve("chat-app.xml"),
                    "<server><webApplication location=\"" + war.toAbsolutePath() + "\" contextRoot=\"/\"/></server>");
            return List.of(
                    Path.of(System.getProperty("liberty.home"), "bin", "server").toString(), "run", "chat");
        }

        @Override
        public Map<String, String> environment(int port) {
            return Map.of("WLP_USER_DIR", userDir(port), "PORT", String.valueOf(port));
        }

        /** One user directory per port, so a restart finds its server again. */
        private static String userDir(int port) {
            return Path.of(
                            System.getProperty("java.io.tmpdir"),
                            "liberty-" + port + "-" + ProcessHandle.current().pid())
                    .toString();
        }
    }
}
