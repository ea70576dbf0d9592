package app.chat.messages;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.schema.DatabaseOutages;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The single writer of messages of this instance. Every message goes through one queue and one
 * thread, which stores what has queued up in one transaction (group commit: one fsync for many
 * messages), answers each sender, and then fires the batch as a {@link CommittedBatch}, which the
 * feed (app.chat.feed) usually delivers right there on this thread; the feed also reads what the
 * other instances committed, and keeps everything in id order, so live delivery order, id order and
 * history order are one and the same, and nobody hears of a message before it is durable.
 */
@ApplicationScoped
public class MessageWriter {

    private static final Logger LOG = Logger.getLogger(MessageWriter.class.getName());

    /** Bounds memory when the database falls behind; senders beyond it are told the server is busy. */
    static final int QUEUE_CAPACITY = 10_000;
    /** Large enough to amortise a commit, small enough to keep one transaction short. */
    static final int MAX_BATCH = 256;

    /** How long a stop waits for queued messages to be stored. */
    public static final long SHUTDOWN_DRAIN_SECONDS = 10;

    /**
     * The outcome for one sender: the stored message (the original one for a resend; null for a
     * revision that changed nothing), or why it was not stored.
     */
    public interface Outcome {
        void stored(PostedMessage message);

        void failed(RequestRejected reason);
    }

    /** {@code submittedNanos}: when the request was handed over, for the ack latency. */
    private record Submission(Draft draft, Outcome outcome, long submittedNanos) {}

    /** Queued by a stop so the writer notices at once instead of at the end of its poll. */
    private static final Submission WAKE_UP = new Submission(null, null, 0);

    @Inject
    Messages messages;

    @Inject
    DatabaseOutages outages;

    @Inject
    Event<CommittedBatch> committed;

    /**
     * Held from before a transaction begins until its senders are answered; fair, so that a reader
     * waiting for it gets it between two batches even under full load.
     */
    private final ReentrantLock settling = new ReentrantLock(true);

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<Submission> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean accepting = true;
    private Thread writer;

    @Inject
    MetricRegistry metrics;

    private Counter storedInRooms;
    private Counter storedDirect;
    private Histogram batchSizes;
    private Timer ackLatency;

    @PostConstruct
    void start() {
        // One metadata for both series: some implementations refuse a second, different description.
        Metadata stored = Metadata.builder()
                .withName("chat.messages.stored")
                .withDescription("Messages committed to the database, by kind (resends not counted)")
                .build();
        storedInRooms = metrics.counter(stored, new Tag("kind", "room"));
        storedDirect = metrics.counter(stored, new Tag("kind", "direct"));
        batchSizes = metrics.histogram(Metadata.builder()
                .withName("chat.writer.batch.size")
                .withDescription("Messages stored per transaction by the group-committing writer")
                .build());
        ackLatency = metrics.timer(Metadata.builder()
                .withName("chat.ack.latency")
                .withDescription("From a message request handed to the writer until its ack (or error) is queued")
                .withUnit(MetricUnits.SECONDS)
                .build());
        metrics.gauge(
                Metadata.builder()
                        .withName("chat.writer.queue.depth")
                        .withDescription("Messages waiting for the writer (at most " + QUEUE_CAPACITY + ")")
                        .build(),
                queue,
                BlockingQueue::size);
        writer = threads.newThread(this::run);
        writer.setName("chat-message-writer");
        writer.start();
    }

    /**
     * Starts the writer with the application rather than on the first message: a shutdown right
     * after deployment must find it running, not create it while the container is going away.
     */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the event is enough: CDI created the bean, and @PostConstruct started the thread
    }

    /** The writer thread is there to store what is submitted. */
    public boolean isRunning() {
        return writer != null && writer.isAlive();
    }

    /** Takes new messages: false once the application has begun to stop. */
    public boolean isAccepting() {
        return accepting;
    }

    /** Queues a message for storage; the outcome is reported on the writer thread. */
    public void submit(Draft draft, Outcome outcome) {
        if (!accepting) {
            outcome.failed(new RequestRejected(ErrorCode.UNAVAILABLE, "the server is shutting down"));
        } else if (!queue.offer(new Submission(draft, outcome, System.nanoTime()))) {
            outcome.failed(new RequestRejected(ErrorCode.UNAVAILABLE, "the server is overloaded, try again"));
        }
    }

    private void run() {
        List<Submission> batch = new ArrayList<>(MAX_BATCH);
        while (accepting || !queue.isEmpty()) {
            try {
                Submission first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                batch.remove(WAKE_UP);
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Message writer hit an unexpected error; it carries on", e);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Held by the writer while one of its transactions may have committed messages whose senders
     * have not been answered yet (never while it fires a {@link CommittedBatch}). A reader of the message log that holds it reads none of those:
     * nobody sees a message of this instance before its sender's ack has been queued.
     */
    public Lock settled() {
        return settling;
    }

    private void write(List<Submission> batch) {
        List<CommittedBatch> handOn = new ArrayList<>(1);
        settling.lock();
        try {
            store(batch, handOn);
        } finally {
            settling.unlock();
        }
        // After the lock: whoever delivers may be waiting for it to read the log.
        for (CommittedBatch stored : handOn) {
            try {
                committed.fire(stored);
            } catch (RuntimeException e) {
                // The feed finds these messages in the database at its next read.
                LOG.log(Level.SEVERE, "Handing on " + stored.messages().size() + " stored message(s) failed", e);
            }
        }
    }

    /** Stores, answers the senders, and adds what is new to {@code handOn}. */
    private void store(List<Submission> batch, List<CommittedBatch> handOn) {
        StoredBatch stored;
        try {
            stored = messages.store(batch.stream().map(Submission::draft).toList());
        } catch (RuntimeException e) {
            RequestRejected reason = RequestRejected.forFailure(e);
            if (batch.size() > 1 && reason.code() != ErrorCode.UNAVAILABLE) {
                // One bad message must not fail the others: retry each on its own.
                batch.forEach(submission -> store(List.of(submission), handOn));
            } else {
                if (reason.code() == ErrorCode.UNAVAILABLE) {
                    outages.unreachable(e);
                } else {
                    LOG.log(Level.WARNING, batch.size() + " message(s) could not be stored", e);
                }
                batch.forEach(submission -> {
                    submission.outcome().failed(reason);
                    ackLatency.update(Duration.ofNanos(System.nanoTime() - submission.submittedNanos()));
                });
            }
            return;
        }
        outages.reached();
        batchSizes.update(batch.size());
        List<PostedMessage> fresh = new ArrayList<>(batch.size());
        for (int i = 0; i < stored.results().size(); i++) {
            Stored result = stored.results().get(i);
            if (result.isFresh()) {
                fresh.add(result.message());
                if (!result.message().isRevision()) {
                    (result.message().isDirect() ? storedDirect : storedInRooms).inc();
                }
            }
            try {
                if (result.refusal() != null) {
                    batch.get(i).outcome().failed(result.refusal());
                } else {
                    batch.get(i).outcome().stored(result.message());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Answering the sender of stored draft " + i + " of a batch failed", e);
            }
            ackLatency.update(Duration.ofNanos(System.nanoTime() - batch.get(i).submittedNanos()));
        }
        if (!fresh.isEmpty()) {
            fresh.sort(Comparator.comparingLong(PostedMessage::id));
            handOn.add(new CommittedBatch(stored.precedingId(), List.copyOf(fresh)));
        }
    }

    /**
     * Stops taking messages and stores (and acknowledges) everything already queued; what cannot be
     * stored in time is answered with {@code unavailable}. Safe to call more than once.
     */
    @PreDestroy
    public void drain() {
        accepting = false;
        queue.offer(WAKE_UP); // when the queue is full, the writer is not waiting anyway
        try {
            writer.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_DRAIN_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Submission left;
        while ((left = queue.poll()) != null) {
            if (WAKE_UP.equals(left)) {
                continue;
            }
            left.outcome().failed(new RequestRejected(ErrorCode.UNAVAILABLE, "the server is shutting down"));
        }
    }
}
