package app.chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.FaultyConversation;
import app.chat.testsupport.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several people talk in two rooms and by DM while their connections are cut at random and the
 * server is killed (SIGKILL) and restarted. In the end everyone has every acknowledged message of
 * their conversations exactly once, in each conversation's order, and history agrees.
 */
class FaultIT {

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyAcknowledgedMessageArrivesExactlyOnceInOrderDespiteCutsAndAKilledServer() throws Exception {
        FaultyConversation.Outcome outcome = FaultyConversation.run(server::webSocket, () -> {
            // The server dies without warning and comes back.
            server.kill();
            server.restart();
        });

        assertEquals(0, outcome.lost(), "lost messages");
        assertEquals(0, outcome.duplicated(), "duplicated messages");
        assertEquals(0, outcome.foreign(), "messages delivered to someone not entitled to them");
        assertTrue(outcome.cutConnections(), "the test did cut connections: " + outcome);
    }
}
