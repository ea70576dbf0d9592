package app.chat.auth;

/** A bearer token that must not be accepted. The message is safe to log: it never contains the token. */
public class TokenRejected extends Exception {

    public TokenRejected(String reason) {
        super(reason);
    }

    public TokenRejected(String reason, Throwable cause) {
        super(reason, cause);
    }
}
