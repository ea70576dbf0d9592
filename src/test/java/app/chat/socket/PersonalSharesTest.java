package app.chat.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalSharesTest {

    /** Holds what was started until the test runs it, as a busy pool would. */
    private final List<Runnable> started = new ArrayList<>();

    private final List<String> ran = new ArrayList<>();

    private void submit(PersonalShares shares, String person, String task) {
        shares.execute(person, () -> ran.add(task), started::add);
    }

    private void finishOldest() {
        started.remove(0).run();
    }

    @Test
    void aPersonRunsNoMoreThanTheirShareAtOnce() {
        PersonalShares shares = new PersonalShares(2);
        for (int i = 0; i < 8; i++) {
            submit(shares, "mallory", "m" + i);
        }
        assertEquals(2, started.size());
    }

    @Test
    void othersAreNotQueuedBehindSomeoneWhoUsedTheirShare() {
        PersonalShares shares = new PersonalShares(2);
        for (int i = 0; i < 8; i++) {
            submit(shares, "mallory", "m" + i);
        }
        submit(shares, "bob", "b0");
        assertEquals(3, started.size());
        started.remove(2).run();
        assertEquals(List.of("b0"), ran);
    }

    @Test
    void aPersonsWaitingTasksRunInTheOrderTheyCameAsTheirOwnEnd() {
        PersonalShares shares = new PersonalShares(1);
        submit(shares, "alice", "a0");
        submit(shares, "alice", "a1");
        submit(shares, "alice", "a2");
        while (!started.isEmpty()) {
            finishOldest();
        }
        assertEquals(List.of("a0", "a1", "a2"), ran);
    }

    @Test
    void aShareIsForgottenOnceItsLastTaskEnds() {
        PersonalShares shares = new PersonalShares(2);
        submit(shares, "alice", "a0");
        submit(shares, "alice", "a1");
        submit(shares, "alice", "a2");
        assertEquals(1, shares.people());
        while (!started.isEmpty()) {
            finishOldest();
        }
        assertEquals(0, shares.people());
    }

    @Test
    void aTaskThatFailsStillGivesItsPlaceToTheNext() {
        PersonalShares shares = new PersonalShares(1);
        shares.execute(
                "alice",
                () -> {
                    throw new IllegalStateException("boom");
                },
                started::add);
        submit(shares, "alice", "a1");
        try {
            finishOldest();
        } catch (IllegalStateException expected) {
            // the pool's thread sees the failure; the share moves on
        }
        finishOldest();
        assertEquals(List.of("a1"), ran);
    }
}
