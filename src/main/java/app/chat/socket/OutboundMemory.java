package app.chat.socket;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The server's memory for frames waiting to be written, bounded twice: each connection may hold at
 * most {@code perConnection} characters of queued text, and all connections together about
 * {@code total}. Once the total is reached, a connection that holds more than its fair share
 * (total / open connections) is refused and cut; one below its share may still queue, so the
 * total never exceeds twice the bound and a reading client is never punished for a slow one.
 * Sizes are in characters of JSON text, which is what the queued strings hold.
 */
public final class OutboundMemory {

    private final long perConnection;
    private final long total;
    private final IntSupplier openConnections;
    private final Runnable cut;
    private final AtomicLong used = new AtomicLong();

    /**
     * @param perConnection characters one connection may have queued; 0: no bound
     * @param total         characters all connections together may have queued; 0: no bound
     */
    public OutboundMemory(long perConnection, long total, IntSupplier openConnections) {
        this(perConnection, total, openConnections, () -> {});
    }

    /** @param cut told of every connection cut for holding too much (a metric) */
    public OutboundMemory(long perConnection, long total, IntSupplier openConnections, Runnable cut) {
        this.perConnection = perConnection;
        this.total = total;
        this.openConnections = openConnections;
        this.cut = cut;
    }

    /** A bound that never refuses, for tests of other behaviour. */
    public static OutboundMemory unbounded() {
        return new OutboundMemory(0, 0, () -> 1);
    }

    /**
     * Reserves room for a frame of {@code size} on a connection that already holds {@code held}.
     *
     * @return false when the connection must be cut instead
     */
    boolean reserve(long held, long size) {
        if (perConnection > 0 && held + size > perConnection) {
            return false;
        }
        long now = used.addAndGet(size);
        if (total <= 0 || now <= total || held + size <= total / Math.max(1, openConnections.getAsInt())) {
            return true;
        }
        used.addAndGet(-size);
        return false;
    }

    /** A connection is being cut because it stopped reading (or fell too far behind). */
    void cutting() {
        cut.run();
    }

    void release(long size) {
        used.addAndGet(-size);
    }

    /** Characters queued on all connections now. */
    public long used() {
        return used.get();
    }

    public long perConnection() {
        return perConnection;
    }
}
