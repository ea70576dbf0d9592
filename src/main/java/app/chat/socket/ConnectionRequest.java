package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.protocol.RequestRejected;
import app.chat.requests.InboundFrame;
import app.chat.requests.Request;

/** A request as it arrived: on which connection, and what was sent. */
record ConnectionRequest(Connection connection, InboundFrame frame) implements Request {

    @Override
    public AuthenticatedUser sender() {
        return connection.user();
    }

    @Override
    public void reply(String event) {
        connection.send(event);
    }

    /** Only a request with a ref is told it succeeded: {@code ok} says nothing else. */
    @Override
    public void ok() {
        if (ref() != null) {
            reply(OutboundEvents.ok(ref()));
        }
    }

    @Override
    public void fail(RequestRejected reason) {
        reply(OutboundEvents.error(ref(), reason));
    }

    /** The connection a request came in on: the requests of this package are about it. */
    static Connection of(Request request) {
        return ((ConnectionRequest) request).connection();
    }
}
