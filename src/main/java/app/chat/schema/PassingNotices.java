package app.chat.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Notifications that are worthless late and stored nowhere (typing notices), sent to every instance
 * with {@code pg_notify} by one thread, as many as have queued up in one statement. When the queue
 * is full or the database does not answer they are dropped, never retried: whoever sent them sends
 * a fresh one soon, and nothing waits for them.
 */
@ApplicationScoped
public class PassingNotices {

    private static final Logger LOG = Logger.getLogger(PassingNotices.class.getName());

    static final int CAPACITY = 10_000;
    private static final int MAX_PER_STATEMENT = 500;

    private record Notice(String channel, String payload) {}

    private static final Notice STOP = new Notice("", "");

    @Resource(lookup = ChatDatabase.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<Notice> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean running;
    private Thread sender;

    @PostConstruct
    void start() {
        running = true;
        sender = threads.newThread(this::run);
        sender.setName("chat-notices");
        sender.start();
    }

    @Inject
    ChangeAnnouncements announcements;

    @Inject
    ThisInstance instance;

    /**
     * Passes a notice on to the other instances, naming this one (which acted on it already, and
     * which app.chat.feed.Announcement#fromAnotherInstance then skips); nothing when writes do not
     * announce themselves ({@code chat.feed.notify=false}).
     */
    public void passOn(String channel, JsonObjectBuilder notice) {
        if (announcements.enabled()) {
            send(channel, notice.add("instance", instance.id()).build().toString());
        }
    }

    /** Queues a notice; false when it was dropped. */
    public boolean send(String channel, String payload) {
        return running && queue.offer(new Notice(channel, payload));
    }

    private void run() {
        List<Notice> batch = new ArrayList<>();
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_PER_STATEMENT - 1);
                batch.remove(STOP);
                if (!batch.isEmpty()) {
                    send(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, batch.size() + " notice(s) dropped", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<Notice> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement(
                        "select count(pg_notify(c, p)) from unnest(?::text[], ?::text[]) n(c, p)")) {
            notify.setArray(
                    1,
                    connection.createArrayOf(
                            "text", batch.stream().map(Notice::channel).toArray()));
            notify.setArray(
                    2,
                    connection.createArrayOf(
                            "text", batch.stream().map(Notice::payload).toArray()));
            notify.executeQuery().close();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        queue.clear();
        queue.offer(STOP);
        try {
            sender.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
