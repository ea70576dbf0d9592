package app.chat.socket;

import app.chat.protection.Budget;
import app.chat.protection.Limits;
import app.chat.protection.RateLimited;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.requests.InboundFrame;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import app.chat.schema.DatabaseOutages;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each client frame to the feature that declared its request type ({@link RequestTypes})
 * and answers what went wrong. Holds no rules of its own: a feature's requests, their checks and
 * their events live in its package.
 */
@ApplicationScoped
public class RequestRouter {

    private static final Logger LOG = Logger.getLogger(RequestRouter.class.getName());

    @Inject
    @Any
    Instance<RequestTypes> features;

    @Inject
    Limits limits;

    @Inject
    DatabaseOutages outages;

    @Inject
    ReadLane reads;

    private Map<String, RequestType> routes;

    @PostConstruct
    void routes() {
        Map<String, RequestType> all = new HashMap<>();
        for (RequestTypes feature : features) {
            for (RequestType type : feature.requestTypes()) {
                if (all.putIfAbsent(type.type(), type) != null) {
                    throw new IllegalStateException("two handlers for the request type " + type.type());
                }
            }
        }
        routes = Map.copyOf(all);
    }

    /**
     * Answers one frame. Allowances are spent before anything else is looked at, so a refused
     * request costs no database work; client mistakes are answered, never logged with a trace.
     * Reads are answered on the {@link ReadLane}, everything else here and now.
     */
    public void handle(Connection connection, String text) {
        InboundFrame frame;
        try {
            frame = InboundFrame.parse(text);
        } catch (InboundFrame.Unreadable unreadable) {
            // Unreadable frames cost the same allowance as readable ones: parsing is work too, and
            // a flood of garbage must run dry like a flood of requests.
            RequestRejected answer = unreadable;
            try {
                limits.spend(Budget.REQUESTS, connection.user().id());
            } catch (RateLimited limited) {
                answer = limited;
            }
            connection.send(OutboundEvents.error(unreadable.ref().orElse(null), answer));
            return;
        }
        ConnectionRequest request = new ConnectionRequest(connection, frame);
        answering(request, () -> {
            limits.spend(Budget.REQUESTS, connection.user().id());
            RequestType route = routes.get(frame.type());
            if (route == null) {
                throw new RequestRejected(
                        ErrorCode.BAD_REQUEST,
                        "unknown request type \"" + InboundFrame.abbreviated(frame.type()) + "\"");
            }
            if (route.budget() != null) {
                limits.spend(route.budget(), connection.user().id());
            }
            if (route.onlyReads()) {
                reads.submit(
                        connection,
                        () -> answering(request, () -> route.handler().accept(request)));
            } else {
                route.handler().accept(request);
            }
        });
    }

    /** Does the work, answering a refusal or a failure as an error. */
    private void answering(ConnectionRequest request, Runnable work) {
        try {
            work.run();
        } catch (RequestRejected rejected) {
            request.fail(rejected);
        } catch (RuntimeException failure) {
            RequestRejected reason = RequestRejected.forFailure(failure);
            if (RequestRejected.wasCancelled(failure)) {
                // A read that asked too much, answered with a hint: nothing is wrong with the server.
                LOG.log(Level.FINE, "A read of user " + request.user() + " ran past its statement timeout", failure);
            } else if (reason.code() == ErrorCode.UNAVAILABLE) {
                outages.unreachable(failure);
            } else {
                LOG.log(Level.WARNING, "A request of user " + request.user() + " failed", failure);
            }
            request.fail(reason);
        }
    }
}
