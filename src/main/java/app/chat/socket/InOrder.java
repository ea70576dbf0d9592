package app.chat.socket;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs one connection's tasks one at a time, in the order they came, on a shared executor. Each task
 * takes its own turn on the executor, so a connection with many waiting cannot keep a thread from
 * the others.
 */
final class InOrder {

    // Both guarded by this.
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private boolean scheduled;

    /** Queues the task unless {@code bound} tasks already wait; false when it was not queued. */
    boolean offer(Runnable task, Executor executor, int bound) {
        synchronized (this) {
            if (waiting.size() >= bound) {
                return false;
            }
            waiting.add(task);
            if (scheduled) {
                return true;
            }
            scheduled = true;
        }
        executor.execute(() -> runNext(executor));
        return true;
    }

    private void runNext(Executor executor) {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                scheduled = false;
                return;
            }
        }
        try {
            next.run();
        } finally {
            executor.execute(() -> runNext(executor));
        }
    }
}
