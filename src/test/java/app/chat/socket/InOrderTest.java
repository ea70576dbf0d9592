package app.chat.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class InOrderTest {

    /** An executor that runs nothing until told: the test decides when each turn runs. */
    private final Queue<Runnable> turns = new ArrayDeque<>();

    private final Executor executor = turns::add;

    private void runTurns() {
        Runnable turn;
        while ((turn = turns.poll()) != null) {
            turn.run();
        }
    }

    @Test
    void tasksRunInTheOrderTheyCame() {
        InOrder reads = new InOrder();
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int task = i;
            reads.offer(() -> ran.add(task), executor, 100);
        }
        runTurns();
        assertEquals(List.of(0, 1, 2, 3, 4), ran);
    }

    @Test
    void oneConnectionTakesOneTurnAtATimeSoOthersInterleave() {
        InOrder first = new InOrder();
        InOrder second = new InOrder();
        List<String> ran = new ArrayList<>();
        first.offer(() -> ran.add("first 1"), executor, 100);
        first.offer(() -> ran.add("first 2"), executor, 100);
        second.offer(() -> ran.add("second 1"), executor, 100);
        assertEquals(2, turns.size(), "one turn per connection, not per task");
        runTurns();
        assertEquals(List.of("first 1", "second 1", "first 2"), ran);
    }

    @Test
    void beyondTheBoundATaskIsRefusedAndNothingIsLost() {
        InOrder reads = new InOrder();
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int task = i;
            assertTrue(reads.offer(() -> ran.add(task), executor, 3));
        }
        assertFalse(reads.offer(() -> ran.add(99), executor, 3));
        runTurns();
        assertEquals(List.of(0, 1, 2), ran);
        assertTrue(reads.offer(() -> ran.add(3), executor, 3), "room again once the others ran");
        runTurns();
        assertEquals(List.of(0, 1, 2, 3), ran);
    }

    @Test
    void aTaskThatFailsDoesNotStopTheOnesAfterIt() {
        InOrder reads = new InOrder();
        List<Integer> ran = new ArrayList<>();
        reads.offer(
                () -> {
                    throw new IllegalStateException("a failing read");
                },
                executor,
                100);
        reads.offer(() -> ran.add(1), executor, 100);
        try {
            turns.poll().run();
        } catch (IllegalStateException expected) {
            // the executor's thread sees it; the next turn is already scheduled
        }
        runTurns();
        assertEquals(List.of(1), ran);
    }
}
