package app.chat.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Keycloak (the distribution Maven unpacked into target/keycloak), in dev mode with an
 * in-memory database and one realm imported at start, for tests that sign in as people do. The
 * admin account is {@code admin}/{@code admin}.
 */
public final class KeycloakProcess implements AutoCloseable {

    public static final String REALM = "acme";
    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final int port;
    private final Path log;
    private final Process process;

    private KeycloakProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts Keycloak with the realm (JSON, as Keycloak exports it) and waits until it serves it. */
    public static KeycloakProcess start(String realm) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-24.0.5"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(home + " holds no Keycloak: mvn pre-integration-test unpacks it");
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.writeString(imports.resolve(REALM + "-realm.json"), realm);
        int port = ServerProcess.freePort();
        Path log = Files.createTempFile("keycloak-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--db=dev-mem",
                        "--import-realm"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KEYCLOAK_ADMIN", "admin");
        builder.environment().put("KEYCLOAK_ADMIN_PASSWORD", "admin");
        builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        KeycloakProcess keycloak = new KeycloakProcess(port, log, builder.start());
        keycloak.awaitRealm();
        return keycloak;
    }

    /** http://127.0.0.1:port */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The realm's issuer, as it writes it into tokens. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    private void awaitRealm() throws InterruptedException {
        ReadinessProbe.await(
                URI.create(issuer() + "/.well-known/openid-configuration"), process, STARTUP, "Keycloak", log);
    }

    /** Stops Keycloak and the JVM its script started. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
