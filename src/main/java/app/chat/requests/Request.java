package app.chat.requests;

import app.chat.auth.AuthenticatedUser;
import app.chat.protocol.RequestRejected;

/**
 * One request as the feature that handles it sees it. A request with a {@code ref} is answered
 * exactly once: the handler answers it ({@link #reply}, {@link #ok}), or throws {@link
 * RequestRejected} (answered as an {@code error}), or hands the answer on to whatever finishes the
 * work later (the message writer).
 */
public interface Request {

    /** Who sent it, as their token says. */
    AuthenticatedUser sender();

    /** The id of the person who sent it. */
    default String user() {
        return sender().id();
    }

    InboundFrame frame();

    /** The request's {@code ref}, or null: what its answer must carry. */
    default String ref() {
        return frame().ref().orElse(null);
    }

    /** Sends the answer (or any other event) to the connection the request came from. */
    void reply(String event);

    /** The answer that has no result of its own: {@code ok}. */
    void ok();

    /** The answer that says why nothing was done: {@code error}. */
    void fail(RequestRejected reason);
}
