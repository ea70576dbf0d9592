package app.chat.socket;

import app.chat.messages.MessageWriter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * On stop: store what is queued and send its acks, let every connection's queue drain, then close
 * each connection with 1001 (going away) so clients reconnect to another instance or this one once
 * it is back.
 *
 * <p>The stop begins with whichever comes first: the JVM being asked to exit (SIGTERM), or the
 * application being undeployed. Servers do not stop applications at the same moment: Open Liberty
 * first quiesces, and its WebSocket connections are gone before the application hears it stops, so
 * waiting for the application's own stop would close nothing in order there. Once begun, the
 * application's stop waits for it to finish, so the database and the writer are still there.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class.getName());

    /** Enough to flush queued frames to clients that read; slow ones are not waited for. */
    static final long FLUSH_SECONDS = 5;

    static final CloseReason GOING_AWAY = new CloseReason(CloseCodes.GOING_AWAY, "server shutting down");

    @Inject
    MessageWriter writer;

    @Inject
    Connections connections;

    private final AtomicBoolean begun = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private Thread onExit;

    void watchForExit(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        onExit = new Thread(this::stop, "chat-graceful-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    void stopWithTheApplication(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        stop();
    }

    @PreDestroy
    void forgetTheJvm() {
        stop();
        if (onExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting: the hook has run (or is running) already
            }
        }
    }

    /** Runs once; a second caller waits until the first one is done. */
    void stop() {
        if (!begun.compareAndSet(false, true)) {
            try {
                finished.get(MessageWriter.SHUTDOWN_DRAIN_SECONDS + FLUSH_SECONDS + 1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warning("The graceful stop did not finish in time: " + e);
            }
            return;
        }
        try {
            closeInOrder();
        } finally {
            finished.complete(null);
        }
    }

    private void closeInOrder() {
        writer.drain();
        // What this instance stored was delivered by the writer itself. Not waiting for the feed to
        // read what other instances stored meanwhile: every second counts against Liberty's
        // quiesce, and members get those messages when they resume elsewhere.
        List<Connection> open = connections.all();
        try {
            CompletableFuture.allOf(open.stream().map(Connection::flushed).toArray(CompletableFuture[]::new))
                    .get(FLUSH_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warning("Some clients did not take their last frames within " + FLUSH_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warning("Flushing connections before shutdown failed: " + e);
        }
        open.forEach(connection -> connection.closeNow(GOING_AWAY));
        LOG.info(() -> "Closed " + open.size() + " connections for shutdown");
    }
}
