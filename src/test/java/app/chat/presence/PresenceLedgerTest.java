package app.chat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceLedgerTest {

    @Test
    void changesAreAnnouncedAsTheInstanceThenOneLinePerUserInOrder() {
        Map<String, Boolean> changes = new LinkedHashMap<>();
        changes.put("alice", true);
        changes.put("bob", false);

        assertEquals(List.of("instance-a\n+alice\n-bob"), PresenceLedger.payloads("instance-a", changes));
    }

    @Test
    void manyChangesAreSplitIntoPayloadsPostgresqlAcceptsEachNamingTheInstance() {
        Map<String, Boolean> changes = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            changes.put("user-with-a-long-identifier-" + i, i % 2 == 0);
        }

        List<String> payloads = PresenceLedger.payloads("instance-a", changes);

        assertTrue(payloads.size() > 1);
        int lines = 0;
        for (String payload : payloads) {
            assertTrue(payload.getBytes(StandardCharsets.UTF_8).length <= PresenceLedger.MAX_PAYLOAD_BYTES);
            assertTrue(payload.startsWith("instance-a\n"));
            lines += payload.split("\n", -1).length - 1;
        }
        assertEquals(changes.size(), lines, "every change in exactly one payload");
    }

    @Test
    void noChangesMeanNoNotification() {
        assertEquals(List.of(), PresenceLedger.payloads("instance-a", Map.of()));
    }
}
