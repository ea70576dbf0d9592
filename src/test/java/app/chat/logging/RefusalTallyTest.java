package app.chat.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusalTallyTest {

    private final RefusalTally tally = new RefusalTally("requests.refused", "Requests were refused", "user", "users");

    @Test
    void nothingRefusedMeansNoLine() {
        assertTrue(tally.summary(60).isEmpty());
    }

    @Test
    void aSummaryCountsEachReasonAndNamesWhoCausedTheMost() {
        for (int i = 0; i < 5; i++) {
            tally.count("reads", "mallory");
        }
        tally.count("messages", "mallory");
        tally.count("messages", "bob");
        Notice notice = tally.summary(60).orElseThrow();
        assertEquals("requests.refused", notice.event());
        assertEquals(7L, notice.fields().get("total"));
        assertEquals(Map.of("messages", 2L, "reads", 5L), notice.fields().get("by_reason"));
        assertEquals(2, notice.fields().get("users"));
        assertEquals("mallory", notice.fields().get("top_user"));
        assertEquals(6L, notice.fields().get("top_user_refusals"));
        assertEquals(60L, notice.fields().get("interval_s"));
    }

    @Test
    void aSummaryStartsTheNextCountFromZero() {
        tally.count("reads", "mallory");
        tally.summary(60);
        assertTrue(tally.summary(60).isEmpty());
    }

    @Test
    void aFloodFromCountlessSourcesIsCountedWithoutRememberingEachOne() {
        for (int i = 0; i < RefusalTally.MAX_SOURCES + 500; i++) {
            tally.count("handshakes", "10.0." + i);
        }
        Notice notice = tally.summary(60).orElseThrow();
        assertEquals((long) RefusalTally.MAX_SOURCES + 500, notice.fields().get("total"));
        assertEquals(RefusalTally.MAX_SOURCES, notice.fields().get("users"));
    }
}
