package app.chat.testsupport;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every Arquillian integration test shares: the deployed server's address and clients signed
 * in as test users. Each test class still declares its own {@code @Deployment}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DeployedChat {

    /** How long to watch for an event that must not come. */
    protected static final Duration QUIET = Duration.ofMillis(700);

    @ArquillianResource
    protected URL base;

    protected URI ws() {
        return ChatDeployment.webSocket(base);
    }

    /**
     * Connects and waits until the server has registered the connection (its first answer comes
     * after that), so that others can address the user at once.
     */
    protected ChatClient connect(String user) {
        ChatClient client = ChatClient.connect(ws(), TestTokens.forUser(user).sign());
        client.ok(ChatClient.frame("rooms"));
        return client;
    }
}
