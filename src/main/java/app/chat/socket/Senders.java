package app.chat.socket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that hand frames to the container, one per core. Whoever produces a frame (the message
 * writer fanning a message out to a thousand members, a request thread answering) only queues it on
 * its connection; one of these threads writes it. Writing costs far more than queuing on this
 * container, and done by the message writer alone it capped fanout at one core (BENCHMARKS.md).
 * Each connection still has at most one write in flight, so its frames keep their order.
 *
 * <p>These are plain threads on purpose. Payara's WebSocket layer schedules a managed task for every
 * frame written, and when the writing thread carries the application's component context (as
 * container and managed threads do) that task sets the whole context up and tears it down again.
 * The sender threads need no context: they only call the WebSocket API and the connection's own
 * queue, and hand closes to a managed executor ({@link Connection#close}); they never touch JNDI,
 * transactions or the database.
 */
@ApplicationScoped
public class Senders {

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger numbers = new AtomicInteger();
        pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "chat-sender-" + numbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.prestartAllCoreThreads();
    }

    public Executor pool() {
        return pool;
    }

    /** After the graceful shutdown has flushed every connection (it runs before beans are destroyed). */
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
