package app.chat.auth;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * How the web client signs people in ({@code GET /api/config}): with the company's OpenID Connect
 * provider when {@code chat.oidc.issuer} and {@code chat.oidc.client-id} are set, and with the dev
 * login when it is on. Nothing here is secret: a public client uses PKCE, not a client secret.
 */
@Path("config")
public class ClientConfigResource {

    @Inject
    Authentication authentication;

    @Inject
    Config config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject clientConfig() {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("devLogin", authentication.devTokens().isPresent());
        Optional<String> issuer = config.getOptionalValue("chat.oidc.issuer", String.class);
        Optional<String> clientId = config.getOptionalValue("chat.oidc.client-id", String.class);
        if (issuer.isPresent() && clientId.isPresent()) {
            body.add(
                    "oidc",
                    Json.createObjectBuilder()
                            .add("authority", issuer.get())
                            .add("clientId", clientId.get())
                            .add(
                                    "scope",
                                    config.getOptionalValue("chat.oidc.scope", String.class)
                                            .orElse("openid profile")));
        } else {
            body.addNull("oidc");
        }
        return body.build();
    }
}
