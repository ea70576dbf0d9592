package app.chat.auth;

import java.security.Principal;
import java.time.Instant;

/**
 * Who is on the other end of a connection, as the verified token says.
 *
 * @param id          the token's {@code sub}: the stable user id used everywhere in the protocol
 * @param displayName what people see: {@code name}, else {@code preferred_username}, else {@code upn}, else {@code sub}
 * @param email       the token's {@code email}, else its {@code upn}, when it has one (null otherwise): the
 *                    directory finds people by it
 * @param expiresAt   when the token stops being valid (its {@code exp} plus the allowed clock skew)
 */
public record AuthenticatedUser(String id, String displayName, String email, Instant expiresAt) implements Principal {

    @Override
    public String getName() {
        return id;
    }
}
