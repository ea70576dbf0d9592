package app.chat.presence;

import app.chat.feed.Announcement;
import app.chat.feed.FeedListening;
import app.chat.schema.ChangeAnnouncements;
import app.chat.schema.ChangeChannels;
import app.chat.schema.ChatDatabase;
import app.chat.schema.ThisInstance;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Presence shared between instances through the database. This instance keeps a row in
 * {@code chat_instances}, renewed every {@code chat.presence.heartbeat-ms}, and a row in
 * {@code presence} for each user present here; each change is written together with a
 * {@code pg_notify} on {@link ChangeChannels#PRESENCE} in one statement, so a listener never hears of
 * a change the table does not hold. An instance whose row is three heartbeats old is taken for dead
 * by the next live instance's heartbeat: its rows go, and everyone hears that its users left.
 *
 * <p>Notification payload: the instance id, then one line per user, {@code +id} (present) or
 * {@code -id} (gone), or the single line {@code *} (the instance itself is gone).
 */
@ApplicationScoped
public class PresenceLedger {

    private static final Logger LOG = Logger.getLogger(PresenceLedger.class.getName());

    /** Changes here are written at most this long after they happen, many in one statement. */
    private static final long FLUSH_MILLIS = 50;

    /** PostgreSQL refuses payloads of 8 000 bytes and more. */
    static final int MAX_PAYLOAD_BYTES = 7_000;

    static final long DEFAULT_HEARTBEAT_MILLIS = 5_000;

    /** Heartbeats an instance may miss before the others take it for dead. */
    static final int MISSED_HEARTBEATS = 3;

    @Inject
    Config config;

    @Inject
    ThisInstance instance;

    @Inject
    ChangeAnnouncements announcements;

    @Inject
    Presence presence;

    @Resource(lookup = ChatDatabase.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    private long heartbeatMillis;

    // Guarded by this: changes here not written yet (user to present), in the order they happened.
    private final Map<String, Boolean> pending = new LinkedHashMap<>();
    private boolean registered;
    private volatile boolean running;
    private Thread writer;

    @PostConstruct
    void start() {
        heartbeatMillis = config.getOptionalValue("chat.presence.heartbeat-ms", Long.class)
                .orElse(DEFAULT_HEARTBEAT_MILLIS);
        if (heartbeatMillis < 100) {
            throw new IllegalArgumentException(
                    "chat.presence.heartbeat-ms must be at least 100, not " + heartbeatMillis);
        }
        running = true;
        writer = threads.newThread(this::run);
        writer.setName("chat-presence");
        writer.start();
    }

    /** Starts with the application, so that its row exists before the first connection. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing is enough: CDI created the bean, and @PostConstruct started the thread
    }

    /** A user became present here, or stopped being present here. */
    void here(String user, boolean present) {
        synchronized (this) {
            pending.remove(user); // re-inserted at the end: the latest state, in order
            pending.put(user, present);
        }
    }

    /** How long after its last heartbeat an instance is taken for dead. */
    public long deadAfterMillis() {
        return heartbeatMillis * MISSED_HEARTBEATS;
    }

    private void run() {
        long lastHeartbeat = System.nanoTime();
        while (running) {
            try {
                if (!registered
                        || System.nanoTime() - lastHeartbeat >= TimeUnit.MILLISECONDS.toNanos(heartbeatMillis)) {
                    lastHeartbeat = System.nanoTime();
                    heartbeat();
                }
                flush();
                Thread.sleep(FLUSH_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                // Written again in full once the database answers (see heartbeat).
                registered = false;
                LOG.log(Level.FINE, "Presence could not be written; retrying", e);
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(FLUSH_MILLIS * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Renews this instance's row (creating it, with everyone present here, if it is missing: first
     * start, or taken for dead after a stall), and removes instances that stopped renewing theirs.
     */
    private void heartbeat() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!registered || !renew(connection)) {
                register(connection);
            }
            reapDead(connection);
            if (!announcements.enabled()) {
                presence.replaceElsewhere(readElsewhere(connection));
            }
        }
    }

    private boolean renew(Connection connection) throws SQLException {
        try (PreparedStatement renew =
                connection.prepareStatement("update chat_instances set seen_at = now() where id = ?")) {
            renew.setString(1, instance.id());
            return renew.executeUpdate() == 1;
        }
    }

    private void register(Connection connection) throws SQLException {
        try (PreparedStatement register = connection.prepareStatement(
                "insert into chat_instances (id) values (?) on conflict (id) do update set seen_at = now()")) {
            register.setString(1, instance.id());
            register.executeUpdate();
        }
        // Outside this lock: Presence calls here() while holding its own.
        List<String> present = presence.presentHere();
        synchronized (this) {
            for (String user : present) {
                pending.putIfAbsent(user, true);
            }
        }
        registered = true;
    }

    private void reapDead(Connection connection) throws SQLException {
        List<String> dead = new ArrayList<>();
        try (PreparedStatement reap = connection.prepareStatement(REAP)) {
            reap.setLong(1, deadAfterMillis());
            reap.setString(2, instance.id());
            String channel = announcements.enabled() ? ChangeChannels.PRESENCE : null;
            reap.setString(3, channel);
            reap.setString(4, channel);
            try (ResultSet rows = reap.executeQuery()) {
                while (rows.next()) {
                    dead.add(rows.getString(1));
                }
            }
        }
        if (!dead.isEmpty()) {
            LOG.log(Level.INFO, "Instances taken for dead (no heartbeat): {0}", dead);
            dead.forEach(presence::instanceGone);
        }
    }

    /** Removes the dead with their users' rows and, with a channel given, tells every listener. */
    private static final String REAP = """
            with reaped as (
                delete from chat_instances
                where seen_at < now() - make_interval(secs => ? / 1000.0) and id <> ?
                returning id)
            select id, case when ?::text is not null then pg_notify(?::text, id || chr(10) || '*') end from reaped
            """;

    /** Writes what changed here since the last flush, and tells the other instances. */
    private void flush() throws SQLException {
        Map<String, Boolean> changes;
        synchronized (this) {
            if (pending.isEmpty() || !registered) {
                return;
            }
            changes = new LinkedHashMap<>(pending);
            pending.clear();
        }
        List<String> arrived = new ArrayList<>();
        List<String> left = new ArrayList<>();
        changes.forEach((user, present) -> (present ? arrived : left).add(user));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement write = connection.prepareStatement(WRITE)) {
            write.setString(1, instance.id());
            write.setArray(2, connection.createArrayOf("varchar", left.toArray()));
            write.setString(3, instance.id());
            write.setArray(4, connection.createArrayOf("varchar", arrived.toArray()));
            write.setString(5, ChangeChannels.PRESENCE);
            List<String> payloads = announcements.enabled() ? payloads(instance.id(), changes) : List.of();
            write.setArray(6, connection.createArrayOf("text", payloads.toArray()));
            write.executeQuery().close();
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                // Newer changes win over the ones that could not be written.
                changes.forEach(pending::putIfAbsent);
            }
            throw e;
        }
    }

    /** One statement, so one transaction: the rows and the notifications commit together. */
    private static final String WRITE = """
            with gone as (
                delete from presence where instance_id = ? and user_id = any(?::varchar[])),
            came as (
                insert into presence (instance_id, user_id) select ?, u from unnest(?::varchar[]) u
                on conflict do nothing)
            select count(pg_notify(?, p)) from unnest(?::text[]) p
            """;

    /** The changes as notification payloads, each under PostgreSQL's size limit. */
    static List<String> payloads(String instanceId, Map<String, Boolean> changes) {
        List<String> payloads = new ArrayList<>();
        int header = utf8Length(instanceId);
        StringBuilder payload = new StringBuilder(instanceId);
        int bytes = header;
        for (Map.Entry<String, Boolean> change : changes.entrySet()) {
            String line = "\n" + (change.getValue() ? '+' : '-') + change.getKey();
            int lineBytes = utf8Length(line);
            if (bytes > header && bytes + lineBytes > MAX_PAYLOAD_BYTES) {
                payloads.add(payload.toString());
                payload = new StringBuilder(instanceId);
                bytes = header;
            }
            payload.append(line);
            bytes += lineBytes;
        }
        if (bytes > header) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** Applies what another instance announced; this instance's own announcements it knows already. */
    void follow(@Observes Announcement announcement) {
        if (!announcement.channel().equals(ChangeChannels.PRESENCE)) {
            return;
        }
        String[] lines = announcement.payload().split("\n", -1);
        String from = lines[0];
        if (from.equals(instance.id())) {
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("*")) {
                presence.instanceGone(from);
            } else if (line.startsWith("+")) {
                presence.arrived(from, line.substring(1));
            } else if (line.startsWith("-")) {
                presence.departed(from, line.substring(1));
            }
        }
    }

    /** The feed listens (again): what it may have missed meanwhile is read from the table. */
    void resync(@Observes FeedListening listening) {
        try (Connection connection = dataSource.getConnection()) {
            presence.replaceElsewhere(readElsewhere(connection));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Presence on other instances could not be read; it follows notifications only", e);
        }
    }

    private Map<String, Set<String>> readElsewhere(Connection connection) throws SQLException {
        Map<String, Set<String>> present = new HashMap<>();
        try (PreparedStatement read =
                connection.prepareStatement("select user_id, instance_id from presence where instance_id <> ?")) {
            read.setString(1, instance.id());
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    present.computeIfAbsent(rows.getString(1), user -> new HashSet<>())
                            .add(rows.getString(2));
                }
            }
        }
        return present;
    }

    /**
     * A stopping instance takes its row (and its users' rows) with it and tells the others at once,
     * instead of leaving its users online until it is taken for dead.
     */
    @PreDestroy
    void stop() {
        running = false;
        writer.interrupt();
        try {
            writer.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement leave = connection.prepareStatement(LEAVE)) {
            leave.setString(1, instance.id());
            leave.setString(2, ChangeChannels.PRESENCE);
            leave.setArray(
                    3,
                    connection.createArrayOf(
                            "text", announcements.enabled() ? new String[] {instance.id() + "\n*"} : new String[0]));
            leave.executeQuery().close();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "This instance's presence could not be removed; the others will reap it", e);
        }
    }

    private static final String LEAVE = """
            with gone as (delete from chat_instances where id = ?)
            select count(pg_notify(?, p)) from unnest(?::text[]) p
            """;
}
