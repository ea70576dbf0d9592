package app.chat.requests;

import app.chat.protocol.RequestRejected;

/**
 * One request as the feature that handles it sees it. A request with a {@code ref} is answered
 * exactly once: the handler answers it, or throws {@link RequestRejected} (answered as an {@code
 * error}), or hands the answer on to whatever finishes the work later (the message writer).
 */
public interface Request {

    /** The id of the person who sent it. */
    String user();

    InboundFrame frame();

    /** The answer that has no result of its own: {@code ok}. */
    void ok();

    /** The answer that says why nothing was done: {@code error}. */
    void fail(RequestRejected reason);
}
