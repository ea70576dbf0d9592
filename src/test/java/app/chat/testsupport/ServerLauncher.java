package app.chat.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start one of the two servers the product runs on with the built WAR, as a child process:
 * the command and the environment it needs besides the product's own variables. Whatever a server
 * writes goes under the directory it is given, which the caller deletes when it is done.
 */
interface ServerLauncher {

    /**
     * The tests start dozens of servers on two cores and none runs long enough to need the C2
     * compiler: with C1 alone a start costs half the CPU (Open Liberty 11 s instead of 22, Payara
     * Micro a quarter less), which the classes running beside it get instead.
     */
    String QUICK_START = "-XX:TieredStopAtLevel=1";

    /**
     * A TLS listener next to the plain one, with the server's own self-signed certificate, and HTTP
     * sessions that expire after {@code sessionTimeout} of inactivity.
     */
    record Https(int port, Duration sessionTimeout) {}

    String name();

    List<String> command(Path war, int port, Path directory, Optional<Https> https) throws IOException;

    Map<String, String> environment(int port);

    /** How long after a handshake the server has certainly expired the HTTP session it created. */
    Duration sessionsExpiredWithin(Duration sessionTimeout);

    /** The server the integration tests run on: {@code -Dchat.test.server=liberty} or Payara Micro. */
    static ServerLauncher configured() {
        return "liberty".equals(System.getProperty("chat.test.server")) ? new Liberty() : new PayaraMicro();
    }

    /** Payara Micro from the jar the build copied (payara.microJar), with a fresh root directory per start. */
    final class PayaraMicro implements ServerLauncher {

        /** How often the session manager looks for expired sessions when a test shortens their life. */
        private static final int REAP_INTERVAL_SECONDS = 1;

        @Override
        public String name() {
            return "Payara Micro";
        }

        @Override
        public List<String> command(Path war, int port, Path directory, Optional<Https> https) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    QUICK_START,
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
                    Files.createTempDirectory(directory, "root-").toString()));
            if (https.isPresent()) {
                String sessions = "configs.config.server-config.web-container.session-config.";
                Path commands = Files.writeString(
                        directory.resolve("post-boot.asadmin"),
                        "set " + sessions + "session-properties.timeout-in-seconds="
                                + https.get().sessionTimeout().toSeconds() + "\n"
                                + "set " + sessions + "session-manager.manager-properties.reap-interval-in-seconds="
                                + REAP_INTERVAL_SECONDS + "\n");
                command.addAll(List.of(
                        "--sslport", String.valueOf(https.get().port()), "--postbootcommandfile", commands.toString()));
            }
            return command;
        }

        @Override
        public Map<String, String> environment(int port) {
            return Map.of();
        }

        @Override
        public Duration sessionsExpiredWithin(Duration sessionTimeout) {
            return sessionTimeout.plusSeconds(REAP_INTERVAL_SECONDS + 3);
        }
    }

    /**
     * Open Liberty as bin/liberty-server runs it (the runtime and server the build set up, copied
     * into a user directory of its own), the WAR at the context root, the port from PORT as in
     * production. A restart finds the same user directory again.
     */
    final class Liberty implements ServerLauncher {

        /** Liberty's session reaper wakes up every 30 s at the most often. */
        private static final int REAPER_POLL_SECONDS = 30;

        @Override
        public String name() {
            return "Open Liberty";
        }

        @Override
        public List<String> command(Path war, int port, Path directory, Optional<Https> https) throws IOException {
            if (https.isPresent()) {
                // bin/liberty-server keeps what else it finds in configDropins.
                Path overrides = Files.createDirectories(directory.resolve("servers/instance/configDropins/overrides"));
                Files.writeString(overrides.resolve("https.xml"), """
                        <server>
                            <featureManager>
                                <feature>transportSecurity-1.0</feature>
                            </featureManager>
                            <keyStore id="defaultKeyStore" password="chat-test-only"/>
                            <httpEndpoint id="defaultHttpEndpoint" httpsPort="%d"/>
                            <httpSession invalidationTimeout="%ds" reaperPollInterval="%d"/>
                        </server>
                        """.formatted(
                                https.get().port(), https.get().sessionTimeout().toSeconds(), REAPER_POLL_SECONDS));
            }
            return List.of(
                    Path.of("bin", "liberty-server").toAbsolutePath().toString(),
                    directory.toString(),
                    war.toAbsolutePath() + "=/");
        }

        @Override
        public Map<String, String> environment(int port) {
            return Map.of("PORT", String.valueOf(port), "JVM_ARGS", QUICK_START);
        }

        @Override
        public Duration sessionsExpiredWithin(Duration sessionTimeout) {
            return sessionTimeout.plusSeconds(REAPER_POLL_SECONDS + 3);
        }
    }
}
