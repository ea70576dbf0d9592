package app.chat.auth;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sign-in without an SSO, for trying the product locally: {@code POST /api/dev/token} with
 * {@code {"name": "Alice"}} (and optionally {@code "user": "alice"}, or {@code "dev:alice"} as it was
 * answered) returns a token the server trusts for the dev identity {@code dev:alice}. Answers 404
 * unless {@code CHAT_DEV_LOGIN=true}.
 */
@Path("dev/token")
public class DevLoginResource {

    static final Pattern USER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MAX_NAME_LENGTH = 64;

    @Inject
    Authentication authentication;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(JsonObject request) {
        DevTokens tokens = authentication.devTokens().orElse(null);
        if (tokens == null) {
            return problem(Response.Status.NOT_FOUND, "dev login is not enabled on this server");
        }
        String name = text(request, "name");
        String user = text(request, "user");
        if (name == null && user == null) {
            return problem(Response.Status.BAD_REQUEST, "give a \"name\" (and optionally a \"user\" id)");
        }
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            return problem(Response.Status.BAD_REQUEST, "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        // A dev identity's id as answered before (dev:alice) names the same person as alice.
        if (user != null && user.startsWith(DevTokens.ID_PREFIX)) {
            user = user.substring(DevTokens.ID_PREFIX.length());
        }
        String id = user != null ? user.toLowerCase(Locale.ROOT) : idFrom(name);
        if (!USER_ID.matcher(id).matches()) {
            return problem(
                    Response.Status.BAD_REQUEST,
                    "user must be 1-64 characters of a-z 0-9 . _ - starting with a letter or digit");
        }
        DevTokens.IssuedToken issued = tokens.issue(id, name != null ? name : id);
        return Response.ok(Json.createObjectBuilder()
                        .add("token", issued.token())
                        .add(
                                "user",
                                Json.createObjectBuilder()
                                        .add("id", issued.userId())
                                        .add("name", name != null ? name : id))
                        .add("expires_at", issued.expiresAt().toString())
                        .build())
                .build();
    }

    static String idFrom(String name) {
        String id =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    private static String text(JsonObject request, String key) {
        if (request == null) {
            return null;
        }
        JsonValue value = request.get(key);
        return value instanceof JsonString string && !string.getString().isBlank()
                ? string.getString().strip()
                : null;
    }

    private static Response problem(Response.Status status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", message).build())
                .build();
    }
}
