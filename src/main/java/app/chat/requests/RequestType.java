package app.chat.requests;

import app.chat.protection.Budget;
import java.util.function.Consumer;

/**
 * A request type of the protocol: its {@code type} on the wire, the allowance it spends besides the
 * one every frame spends (null: none), what handles it, and whether it only reads: a read changes
 * nothing stored and is answered apart from the frames that post and deliver messages, in the order
 * the connection sent its reads.
 */
public record RequestType(String type, Budget budget, Consumer<Request> handler, boolean onlyReads) {

    public RequestType(String type, Budget budget, Consumer<Request> handler) {
        this(type, budget, handler, false);
    }

    /** A request that only reads (a listing, a page of history, a search). */
    public static RequestType read(String type, Consumer<Request> handler) {
        return new RequestType(type, Budget.READS, handler, true);
    }
}
