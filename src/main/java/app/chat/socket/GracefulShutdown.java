package app.chat.socket;

import app.chat.messages.MessageWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * On stop: store what is queued and send its acks, let every connection's queue drain, then close
 * each connection with 1001 (going away) so clients reconnect to another instance or this one once
 * it is back.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class.getName());

    /** Enough to flush queued frames to clients that read; slow ones are not waited for. */
    static final long FLUSH_SECONDS = 5;

    static final CloseReason GOING_AWAY = new CloseReason(CloseCodes.GOING_AWAY, "server shutting down");

    void stop(
            @Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping,
            MessageWriter writer,
            Connections connections) {
        writer.drain();
        List<Connection> open = connections.all();
        try {
            CompletableFuture.allOf(open.stream().map(Connection::flushed).toArray(CompletableFuture[]::new))
                    .get(FLUSH_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warning("Some clients did not take their last frames within " + FLUSH_SECONDS + " s");
        } catch (Exception e) {
            LOG.warning("Flushing connections before shutdown failed: " + e);
        }
        open.forEach(connection -> connection.closeNow(GOING_AWAY));
        LOG.info(() -> "Closed " + open.size() + " connections for shutdown");
    }
}
