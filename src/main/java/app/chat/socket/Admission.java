package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.protection.Budget;
import app.chat.protection.Limits;
import app.chat.protection.RateLimited;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.users.KnownUsers;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Lets an authenticated session in: records its user, enforces the per-user connection limit,
 * registers the connection and, when the handshake asked to resume, replays what was missed before
 * any live event. One application-wide bean rather than injections into every endpoint instance:
 * the container resolves those for each connection (BENCHMARKS.md, handshakes).
 */
@ApplicationScoped
public class Admission {

    private static final Logger LOG = Logger.getLogger(Admission.class.getName());

    @Inject
    Connections connections;

    @Inject
    KnownUsers users;

    @Inject
    Limits limits;

    @Inject
    Resumption resumption;

    @Inject
    Senders senders;

    /** Closes connections off the delivering threads (see {@link Connection#close}). */
    @Resource
    ManagedExecutorService closer;

    @Inject
    MetricRegistry metrics;

    private OutboundMemory memory;

    @PostConstruct
    void bound() {
        Counter slow = metrics.counter(Metadata.builder()
                .withName("chat.connections.cut.slow")
                .withDescription("Connections closed with 1013 because their outbound queue passed its bound")
                .build());
        memory = new OutboundMemory(
                limits.queueBytesPerConnection(), limits.outboundBytes(), connections::count, slow::inc);
        metrics.gauge(
                Metadata.builder()
                        .withName("chat.outbound.queued")
                        .withDescription("Text waiting to be written to clients, on all connections of this instance")
                        .withUnit(MetricUnits.BYTES)
                        .build(),
                memory,
                OutboundMemory::used);
    }

    /** The close reason of a handshake whose replay the reads allowance refused (1013). */
    static final String REPLAYS_TOO_OFTEN = "too many resumes and reads: try again shortly";

    /**
     * Records, limits and registers a new session, then replays what it asked to resume from.
     *
     * @param resumeAfter the handshake's {@code after} parameter, or null
     * @return the registered connection, or empty when the session was refused and is being closed
     */
    public Optional<Connection> admit(Session session, AuthenticatedUser user, String resumeAfter) {
        Long after = resumeAfter == null ? null : cursor(resumeAfter);
        if (after != null) {
            // A replay is a read like a resume request, and is paid for from the same allowance.
            // Refused, the connection closes before anything is done for it and before it is
            // registered: no live message reaches it, so the client comes back later from the
            // same cursor, without a gap.
            try {
                limits.spend(Budget.READS, user.id());
            } catch (RateLimited limited) {
                close(session, new CloseReason(CloseCodes.TRY_AGAIN_LATER, REPLAYS_TOO_OFTEN));
                return Optional.empty();
            }
        }
        try {
            users.record(user);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record user " + user.id() + "; closing the connection", e);
            close(session, new CloseReason(CloseCodes.TRY_AGAIN_LATER, "the server cannot reach its database"));
            return Optional.empty();
        }
        Connection opened = new Connection(
                session,
                user,
                Framing.of(session.getNegotiatedSubprotocol()),
                senders.pool(),
                closer,
                connections::remove,
                memory);
        if (after != null) {
            // Held before it is registered: no live message can overtake the replay.
            opened.hold();
        }
        if (!connections.add(opened, limits.connectionsPerUser())) {
            close(
                    session,
                    new CloseReason(
                            CloseCodes.VIOLATED_POLICY,
                            "too many open connections for this user (at most " + limits.connectionsPerUser() + ")"));
            return Optional.empty();
        }
        if (resumeAfter != null && after == null) {
            opened.send(OutboundEvents.error(null, ErrorCode.BAD_REQUEST, "\"after\" must be a whole number from 0"));
        } else if (after != null) {
            try {
                resumption.replay(opened, after, null);
            } catch (RuntimeException e) {
                RequestRejected reason = RequestRejected.forFailure(e);
                LOG.log(Level.WARNING, "Resuming a connection of user " + user.id() + " failed", e);
                opened.send(OutboundEvents.error(null, reason));
            }
        }
        return Optional.of(opened);
    }

    private static Long cursor(String text) {
        try {
            long after = Long.parseLong(text);
            return after >= 0 ? after : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "Session already closing", e);
        }
    }
}
