package app.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GcPausesTest {

    private static Stream<String> log() {
        return Stream.of(
                "[2026-11-27T16:31:04.515+0000] Using G1",
                "[2026-11-27T16:31:04.917+0000] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 6M->3M(64M) 8.391ms",
                "[2026-11-27T16:31:05.010+0000] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 7M->4M(64M) 6.645ms",
                "[2026-11-27T16:31:05.050+0000] GC(2) Concurrent Mark Cycle 41.002ms",
                "[2026-11-27T16:31:05.101+0000] GC(2) Pause Remark 15M->4M(64M) 1.632ms",
                "[2026-11-27T16:31:06.122+0000] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 32M->4M(64M) 3.370ms");
    }

    @Test
    void countsOnlyThePausesLoggedInTheWindow() {
        GcPauses pauses = GcPauses.between(
                log(), Instant.parse("2026-11-27T16:31:05.000Z"), Instant.parse("2026-11-27T16:31:06.000Z"));

        assertEquals(2, pauses.count());
        assertEquals(6.645 + 1.632, pauses.totalMillis(), 1e-9);
        assertEquals(6.645, pauses.longestMillis(), 1e-9);
    }

    @Test
    void concurrentPhasesAreNotPauses() {
        GcPauses pauses = GcPauses.between(
                log(), Instant.parse("2026-11-27T16:31:05.020Z"), Instant.parse("2026-11-27T16:31:05.090Z"));

        assertEquals(GcPauses.NONE, pauses);
    }
}
