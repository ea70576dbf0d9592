package app.chat.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.chat.testsupport.ServerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** A configuration that would let in other applications' tokens never starts serving. */
@Execution(ExecutionMode.CONCURRENT)
@Order(8) // beside the others, the longest first (pom.xml)
class StartupChecksIT {

    @Test
    void aVerificationKeyWithoutAnIssuerFailsTheDeploymentWithAClearMessage() throws Exception {
        try (ServerProcess server = ServerProcess.startUnchecked(Map.of("MP_JWT_VERIFY_ISSUER", ""))) {
            server.awaitLog("mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER) must be set", Duration.ofSeconds(90));
            // The server keeps running, but the application serves nothing: neither the socket's
            // 401 for a missing token nor the web client's configuration.
            assertNotEquals(401, server.status("/ws"));
            assertNotEquals(200, server.status("/api/config"));
        }
    }
}
