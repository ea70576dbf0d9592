package app.chat.auth;

import java.security.Principal;

/**
 * Who is on the other end of a connection, as the verified token says.
 *
 * @param id          the token's {@code sub}: the stable user id used everywhere in the protocol
 * @param displayName what people see: {@code name}, else {@code preferred_username}, else {@code upn}, else {@code sub}
 */
public record AuthenticatedUser(String id, String displayName) implements Principal {

    @Override
    public String getName() {
        return id;
    }
}
