package app.chat.socket;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A bounded share of a pool for each person: at most {@code perPerson} of one person's tasks run at
 * once, whatever number of connections they come from; the rest wait, in the order they came,
 * behind that person's own, and never hold a thread while they wait.
 */
final class PersonalShares {

    private final int perPerson;

    /** The people with tasks running: how many, and those waiting for one of them to end. */
    private final ConcurrentHashMap<String, Share> shares = new ConcurrentHashMap<>();

    private record Waiting(Runnable work, Executor start) {}

    private static final class Share {
        int running;
        final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    }

    PersonalShares(int perPerson) {
        if (perPerson < 1) {
            throw new IllegalArgumentException("a share is at least one task");
        }
        this.perPerson = perPerson;
    }

    /** Starts the work with {@code start} now if the person holds fewer tasks than their share, else after their own. */
    void execute(String person, Runnable work, Executor start) {
        boolean[] now = new boolean[1];
        shares.compute(person, (id, share) -> {
            Share held = share == null ? new Share() : share;
            if (held.running < perPerson) {
                held.running++;
                now[0] = true;
            } else {
                held.waiting.add(new Waiting(work, start));
            }
            return held;
        });
        if (now[0]) {
            begin(person, work, start);
        }
    }

    private void begin(String person, Runnable work, Executor start) {
        start.execute(() -> {
            try {
                work.run();
            } finally {
                done(person);
            }
        });
    }

    /** One of the person's tasks ended: their next one takes its place, or the share shrinks. */
    private void done(String person) {
        Waiting[] next = new Waiting[1];
        shares.computeIfPresent(person, (id, share) -> {
            next[0] = share.waiting.poll();
            if (next[0] != null) {
                return share;
            }
            share.running--;
            return share.running == 0 ? null : share;
        });
        if (next[0] != null) {
            begin(person, next[0].work(), next[0].start());
        }
    }

    /** How many people have tasks running or waiting. */
    int people() {
        return shares.size();
    }
}
