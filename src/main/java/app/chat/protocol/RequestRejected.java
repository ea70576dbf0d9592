package app.chat.protocol;

import java.net.ConnectException;
import java.sql.SQLException;

/**
 * A client request that cannot be carried out, with the reason a person can read. Thrown by the
 * feature controls and turned into an {@code error} event at the socket boundary; the connection
 * stays open.
 */
public class RequestRejected extends RuntimeException {

    private final ErrorCode code;

    public RequestRejected(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * What to tell a client when serving its request failed unexpectedly: a database that cannot be
     * reached is a passing condition worth a retry ({@code unavailable}); anything else is a fault
     * of ours ({@code internal}). Details stay in the server log.
     */
    public static RequestRejected forFailure(Throwable failure) {
        if (wasCancelled(failure)) {
            return new RequestRejected(
                    ErrorCode.UNAVAILABLE,
                    "this request took too long and was stopped: narrow it down (fewer or rarer words, one "
                            + "conversation, a shorter period) or try again later");
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if ((cause instanceof SQLException sql
                            && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08")
                                    || sql.getSQLState().startsWith("57P")))
                    || cause instanceof ConnectException) {
                return new RequestRejected(ErrorCode.UNAVAILABLE, "the database is unreachable, try again shortly");
            }
        }
        return new RequestRejected(ErrorCode.INTERNAL, "the server failed to carry out this request");
    }

    /**
     * Whether the failure is PostgreSQL cancelling a statement that ran past its timeout (SQL state
     * 57014): the request asked too much, the database is fine.
     */
    public static boolean wasCancelled(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
