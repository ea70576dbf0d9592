package app.chat.socket;

import app.chat.protection.RateLimited;
import app.chat.schema.ChatDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The threads that answer reads (listings, history, search, presence lists): requests that only read
 * the database and change nothing stored. They run here, each connection's in the order they came,
 * instead of on the container's thread that read the frame. A log-in wave sends thousands of
 * them at once; run where they arrive they held the container's threads, and the frames of people
 * posting in a busy room queued behind them (on Open Liberty, one first-in-first-out executor runs
 * every frame). Here they wait for one of a few threads, and the frames that post, acknowledge and
 * deliver messages keep the container's threads to themselves (BENCHMARKS.md, organisation scale).
 * One person holds at most a quarter of the threads at once, however many connections they open.
 */
@ApplicationScoped
public class ReadLane {

    /** A connection's reads waiting for their turn; more are refused, to try again shortly. */
    static final int MAX_WAITING_PER_CONNECTION = 100;

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /**
     * A connection this young is still arriving: its reads are the sidebar a client loads on
     * connecting, which in a log-in wave come by the thousand. The reads of connections already at
     * work (opening a conversation, searching) go before them.
     */
    static final Duration ARRIVING = Duration.ofSeconds(10);

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MetricRegistry metrics;

    private ThreadPoolExecutor pool;

    /**
     * A quarter of the threads for each person, however many connections they open: one person's
     * reads wait behind their own, never everyone's.
     */
    private PersonalShares shares;

    private final AtomicInteger waiting = new AtomicInteger();

    private final AtomicLong turns = new AtomicLong();

    /** A connection's turn on the lane: those at work first, then in the order they came. */
    private record Turn(Runnable work, boolean arriving, long number) implements Runnable, Comparable<Turn> {

        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Turn other) {
            return arriving != other.arriving
                    ? Boolean.compare(arriving, other.arriving)
                    : Long.compare(number, other.number);
        }
    }

    @PostConstruct
    void start() {
        metrics.gauge(
                Metadata.builder()
                        .withName("chat.reads.waiting")
                        .withDescription("Reads (listings, history, search) waiting for a thread to answer them")
                        .build(),
                waiting,
                AtomicInteger::get);
        // Enough to keep the database busy, well within its pool: the writer and the feed need theirs.
        int size = Math.min(
                ChatDatabase.MAX_POOL_SIZE / 2,
                Math.max(4, 4 * Runtime.getRuntime().availableProcessors()));
        shares = new PersonalShares(shareOf(size));
        // Only execute() is used, so every queued task is a Turn and the queue can order them.
        pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), threads);
        pool.prestartAllCoreThreads();
    }

    /**
     * Answers the read on the lane, after the connection's earlier reads. Each later turn of the
     * connection is ranked as this read was: a connection that arrived keeps its place among the
     * arriving until its queue is empty.
     */
    void submit(Connection connection, Runnable read) {
        waiting.incrementAndGet();
        Runnable counted = () -> {
            waiting.decrementAndGet();
            read.run();
        };
        boolean arriving = connection.ageNanos(System.nanoTime()) < ARRIVING.toNanos();
        String person = connection.user().id();
        Executor turn = work -> {
            long number = turns.incrementAndGet();
            shares.execute(person, work, started -> pool.execute(new Turn(started, arriving, number)));
        };
        if (!connection.reads().offer(counted, turn, MAX_WAITING_PER_CONNECTION)) {
            waiting.decrementAndGet();
            throw new RateLimited(
                    MAX_WAITING_PER_CONNECTION + " requests of this connection are still waiting for their answers",
                    RETRY_AFTER);
        }
    }

    /** A quarter of the lane, at least one thread: four people reading at once cannot fill it. */
    static int shareOf(int laneSize) {
        return Math.max(1, laneSize / 4);
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
